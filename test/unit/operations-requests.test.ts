/**
 * Incidents and maintenance windows through requests: a new incident is one file with its first
 * update, an update adds to its timeline and resolving sets its end; a window is one file.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileId, incident, maintenance } from '../../packages/platform-portal/src/requests/operations.ts';
import { IncidentSchema, MaintenanceSchema } from '../../packages/platform-portal/src/schemas/operations.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { RequestRefused, type FileContent, type RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';
import { buildContext } from '../helpers/build-context.ts';

const context = buildContext({ requester: { email: 'oncall@example.com' }, now: new Date('2026-12-04T10:15:30.000Z'), catalog: new Map([['kafka', ServiceSchema.parse(kafkaService(20))]]) });
const written = (files: unknown[]) => (files as FileContent[]).map((f) => ({ path: f.path, data: parse(f.content) as unknown }));
const OPEN = `title: Kafka produce errors
services: [kafka]
severity: sev2
impact: degraded
started: 2026-12-04T09:00:00Z
updates:
  - at: 2026-12-04T09:05:00Z   # paged
    status: investigating
    message: Looking into it.
`;
const repo = (content: string): Map<string, RepoFile> => new Map([['content/incidents/2026-12-04-kafka-produce-errors.yaml', { content, sha: 'blob' }]]);

describe('the incident request', () => {
  it('opens an incident as one file named by its day and title, with its first update, which the build accepts', () => {
    const change = incident.build(incident.schema.parse({ action: 'open', title: 'Kafka: produce errors @prod!', services: ['kafka'], severity: 'sev2', impact: 'outage', message: 'Producers get NOT_ENOUGH_REPLICAS.' }), new Map(), context);
    const [file] = written(change.files);
    expect(file!.path).toBe('content/incidents/2026-12-04-kafka-produce-errors-prod.yaml');
    expect(IncidentSchema.parse(file!.data)).toMatchObject({ impact: 'outage', started: new Date('2026-12-04T10:15:30Z'), updates: [{ status: 'investigating', message: 'Producers get NOT_ENOUGH_REPLICAS.' }] });
    expect(change.title).not.toMatch(/(^|[^\u2060])@prod/);
  });

  it('adds an update to the timeline, keeping the file’s comments, and resolving sets the end', () => {
    const change = incident.build(incident.schema.parse({ action: 'update', incident: '2026-12-04-kafka-produce-errors', status: 'resolved', message: 'A broker is replaced; all is well.' }), repo(OPEN), context);
    const [file] = change.files as FileContent[];
    expect(file!.content).toContain('# paged');
    expect(IncidentSchema.parse(parse(file!.content))).toMatchObject({ resolved: new Date('2026-12-04T10:15:30Z'), updates: [{ status: 'investigating' }, { status: 'resolved', message: 'A broker is replaced; all is well.' }] });
  });

  it('asks what opening needs, and refuses an update of a resolved or unknown incident', () => {
    const parsed = incident.schema.safeParse({ action: 'open', message: 'Something is off.' });
    expect(problemsFromZod(parsed.error!, { schema: incident.schema }).map((p) => p.path).sort()).toEqual(['impact', 'services', 'severity', 'title']);
    const update = incident.schema.parse({ action: 'update', incident: '2026-12-04-kafka-produce-errors', message: 'Still looking.' });
    expect(() => incident.build(update, repo(`${OPEN}resolved: 2026-12-04T10:00:00Z\n`), context)).toThrow(RequestRefused);
    expect(() => incident.build(update, new Map(), context)).toThrow('There is no incident');
  });
});

describe('the maintenance request', () => {
  it('adds a window the build accepts, and refuses one that ends before it starts or is over', () => {
    const change = maintenance.build(maintenance.schema.parse(maintenance.example), new Map(), context);
    const [file] = written(change.files);
    expect(file!.path).toBe('content/maintenance/2030-01-15-kafka-broker-os-patching.yaml');
    expect(MaintenanceSchema.safeParse(file!.data).success).toBe(true);
    const backwards = maintenance.schema.safeParse({ ...maintenance.example, ends: '2030-01-15T20:00:00Z' });
    expect(problemsFromZod(backwards.error!, { schema: maintenance.schema }).map((p) => p.path)).toEqual(['ends']);
    expect(() => maintenance.build(maintenance.schema.parse({ ...maintenance.example, starts: '2026-01-01T00:00:00Z', ends: '2026-01-01T01:00:00Z' }), new Map(), context)).toThrow('The window is over already.');
  });

  it('names files by day and title, whatever the title holds', () => {
    expect(fileId(new Date('2026-12-12T22:00:00Z'), 'PostgreSQL 16.6 & 17.2 — minor upgrades')).toBe('2026-12-12-postgresql-16-6-17-2-minor-upgrades');
    expect(fileId(new Date('2026-12-12T22:00:00Z'), '../../etc/passwd')).toBe('2026-12-12-etc-passwd');
    expect(fileId(new Date('2026-12-12T22:00:00Z'), '🔥🔥')).toBe('2026-12-12-untitled');
  });
});

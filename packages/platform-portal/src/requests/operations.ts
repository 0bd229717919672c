/**
 * Incidents and maintenance windows through requests (built-in, opt-in): the platform team opens an
 * incident, posts its updates and resolves it, and schedules a window, each as a pull request that
 * adds or changes one file under content/incidents/ or content/maintenance/. Merged, the site
 * rebuilds and the status page, the banners and the feeds follow.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { addFile, addListItem, fileIn, setValue } from '../changes/index.ts';
import { code, escapeInline, inert, oneLine } from '../lib/markdown.ts';
import { EnvironmentSchema } from '../schemas/tenant.ts';
import { ImpactSchema, IncidentSchema, IncidentSeveritySchema, IncidentUpdateSchema, incidentPath, MaintenanceSchema, maintenancePath } from '../schemas/operations.ts';
import { ServiceIdSchema } from '../schemas/docs-page.ts';
import { SlugSchema } from '../schemas/slug.ts';
import { plainText, singleLine } from '../schemas/text.ts';
import { requestBody } from './pr-body.ts';
import { RequestRefused, type BuildContext, type Change, type FileChange, type RequestType } from './types.ts';
import { isoDay } from '../lib/dates.ts';

const Moment = z.iso.datetime({ offset: true, error: 'Use a time with its zone, e.g. 2026-12-12T22:00:00Z.' });

/** Who it concerns, as both requests ask it. */
const ScopeFields = {
  services: z.array(ServiceIdSchema.meta({ choices: 'services' })).min(1).max(20).meta({ title: 'Services' }).describe('Services it affects.'),
  tenants: z.array(SlugSchema.meta({ choices: 'tenants' })).max(100).optional().meta({ title: 'Only these tenants' }).describe('Leave empty when it concerns every tenant of the services.'),
  environments: z.array(EnvironmentSchema).max(3).optional().meta({ title: 'Only these environments' }).describe('Leave empty for every environment.'),
};

/** `2026-12-02-pgbouncer-connection-errors`: the day, then the title in lowercase letters, digits and hyphens. */
export function fileId(day: Date, title: string): string {
  const words = title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '');
  return `${isoDay(day)}-${words || 'untitled'}`;
}

const scopeOf = <E extends string>(request: { services: string[]; tenants?: string[] | undefined; environments?: E[] | undefined }) => ({
  services: request.services,
  ...(request.tenants && request.tenants.length > 0 ? { tenants: request.tenants } : {}),
  ...(request.environments && request.environments.length > 0 ? { environments: request.environments } : {}),
});

function unknownServices(services: readonly string[], context: BuildContext): void {
  const unknown = services.filter((service) => !context.catalog.has(service));
  if (unknown.length > 0) throw new RequestRefused('unprocessable', 'There is no such service.', [{ path: 'services', message: `the catalog has no ${unknown.join(', ')}; pick of ${[...context.catalog.keys()].join(', ')}` }]);
}

const change = (context: BuildContext, type: string, parts: { branch: string; title: string; commit: string; files: FileChange[]; intro: string; rows: [string, string][]; text?: string | undefined; textTitle?: string }): Change => ({
  branch: `${context.config.branchPrefix}/${type}/${parts.branch}`,
  title: inert(parts.title),
  labels: ['portal-request', type, ...context.config.labels],
  mode: 'single',
  commitMessage: inert(`${parts.commit}\n\nPortal-Request: ${context.requestId}`),
  files: parts.files,
  body: requestBody({ type, context, intro: parts.intro, rows: parts.rows, justification: parts.text, justificationTitle: parts.textTitle ?? 'Message' }),
});

export const IncidentRequestSchema = z
  .object({
    action: z.enum(['open', 'update']).meta({ title: 'What to do', labels: { open: 'Open an incident', update: 'Post an update' } }).describe('Open a new incident, or post an update of an open one.'),
    incident: z.string().max(80).optional().meta({ title: 'Incident', widget: 'input' }).describe('For an update: the incident’s id, its file name under content/incidents/.'),
    title: singleLine('title').max(120).optional().meta({ title: 'Title' }).describe('For a new incident: what people notice, in a few words.'),
    ...ScopeFields,
    services: ScopeFields.services.optional().describe('For a new incident: the services it affects.'),
    severity: IncidentSeveritySchema.optional(),
    impact: ImpactSchema.optional().meta({ title: 'Impact' }),
    status: IncidentUpdateSchema.shape.status.default('investigating').meta({ title: 'Status' }),
    message: plainText('message').trim().min(10, 'Say what is known and what happens next (10 characters at least).').max(2000).meta({ title: 'Message' }).describe('What is known and what happens next; the first update of a new incident.'),
  })
  .strict()
  .superRefine((request, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (request.action === 'open') {
      if (!request.title) need('title', 'Give the incident a title.');
      if (!request.services || request.services.length === 0) need('services', 'Choose the services it affects.');
      if (!request.severity) need('severity', 'Choose the severity: sev1, sev2, sev3 or sev4.');
      if (!request.impact) need('impact', 'Choose the impact: outage or degraded.');
    } else if (!request.incident || !SlugSchema.max(80).safeParse(request.incident).success) need('incident', 'Give the id of the incident to update, its file name under content/incidents/.');
  });

export const incident: RequestType<typeof IncidentRequestSchema> = {
  type: 'incident',
  title: 'Report an incident',
  summary: 'Open an incident, post its updates and resolve it, for the status page.',
  description: 'Opens an incident, or adds an update to one, in content/incidents/; resolving it closes it on the status page.',
  schema: IncidentRequestSchema,
  example: { action: 'open', title: 'Kafka produce errors in production', services: ['kafka'], environments: ['prod'], severity: 'sev2', impact: 'degraded', status: 'investigating', message: 'Some produce requests fail with NOT_ENOUGH_REPLICAS. We are looking into it.' },
  reads: (request) => (request.action === 'update' && request.incident ? [incidentPath(request.incident)] : []),
  build(request, files, context) {
    const now = context.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const update = { at: now, status: request.status, message: request.message };
    if (request.action === 'open') {
      unknownServices(request.services!, context);
      const id = fileId(context.now, request.title!);
      const value = { title: request.title!, ...scopeOf({ ...request, services: request.services! }), severity: request.severity!, impact: request.impact!, started: now, ...(request.status === 'resolved' ? { resolved: now } : {}), updates: [update] };
      const file = addFile(fileIn(files, incidentPath(id)), { value, schema: IncidentSchema, comment: 'Incident record, opened through the portal; each update is a request that adds to updates.' });
      return change(context, 'incident', {
        branch: id,
        title: `Incident: ${oneLine(request.title!).slice(0, 100)}`,
        commit: `Open incident ${id}`,
        files: [file],
        intro: `Opens the incident ${code(id)}: **${escapeInline(request.title!)}**.`,
        rows: [['Services', request.services!.map(code).join(', ')], ['Severity', code(request.severity!)], ['Impact', code(request.impact!)], ['Status', code(request.status)]],
        text: request.message,
      });
    }
    const path = incidentPath(request.incident!);
    const base = fileIn(files, path);
    if (typeof base.content !== 'string') throw new RequestRefused('not-found', `There is no incident "${request.incident}".`, [{ path: 'incident', message: `${path} does not exist; give the id of an incident` }]);
    const current = IncidentSchema.safeParse(parse(base.content));
    if (!current.success) throw new RequestRefused('unprocessable', `${path} on the base branch is not valid; fix it first.`, [{ path: 'incident', message: `${path} is not valid; the build names what to fix` }]);
    if (current.data.resolved) throw new RequestRefused('conflict', 'The incident is resolved.', [{ path: 'incident', message: `${request.incident} was resolved at ${current.data.resolved.toISOString()}; open a new one if it came back` }]);
    const updated = addListItem(base, ['updates'], update);
    const files_ = request.status === 'resolved' ? [setValue(updated, ['resolved'], now)] : [updated];
    return change(context, 'incident', {
      branch: `${request.incident}/${now.replace(/[^0-9]/g, '').slice(0, 12)}`,
      title: `Incident ${request.incident}: ${request.status}`,
      commit: `Incident ${request.incident}: ${request.status}`,
      files: files_,
      intro: `Posts an update of the incident ${code(request.incident!)} (${escapeInline(current.data.title)})${request.status === 'resolved' ? ' and resolves it' : ''}.`,
      rows: [['Status', code(request.status)]],
      text: request.message,
    });
  },
};

export const MaintenanceRequestSchema = z
  .object({
    title: singleLine('title').min(1).max(120).meta({ title: 'Title' }).describe('What is done, in a few words.'),
    ...ScopeFields,
    impact: MaintenanceSchema.shape.impact,
    starts: Moment.meta({ title: 'Starts' }).describe('When the window opens, with its zone, e.g. 2026-12-12T22:00:00Z.'),
    ends: Moment.meta({ title: 'Ends' }).describe('When the window closes, with its zone.'),
    description: plainText('description').trim().min(20, 'Say what is done and what tenants notice (20 characters at least).').max(4000).meta({ title: 'Description' }).describe('What is done, what tenants notice, and what they should do.'),
  })
  .strict()
  .refine((request) => Date.parse(request.ends) > Date.parse(request.starts), { message: 'The window ends before it starts; set the end after the start.', path: ['ends'] });

export const maintenance: RequestType<typeof MaintenanceRequestSchema> = {
  type: 'maintenance',
  title: 'Schedule maintenance',
  summary: 'Announce a maintenance window on the status page, the affected pages and the feeds.',
  description: 'Adds a maintenance window to content/maintenance/: the status page lists it, and the pages of what it affects carry a banner until it ends.',
  schema: MaintenanceRequestSchema,
  example: {
    title: 'Kafka broker OS patching',
    services: ['kafka'],
    environments: ['staging', 'prod'],
    impact: 'none',
    starts: '2030-01-15T21:00:00Z',
    ends: '2030-01-15T23:00:00Z',
    description: 'Brokers restart one at a time with partition leadership moved first; clients see nothing beyond a short rise in latency.',
  },
  reads: () => [],
  build(request, files, context) {
    unknownServices(request.services, context);
    if (Date.parse(request.ends) <= context.now.getTime()) {
      throw new RequestRefused('unprocessable', 'The window is over already.', [{ path: 'ends', message: 'the window ends in the past; announce one that is still to come or running' }]);
    }
    const id = fileId(new Date(request.starts), request.title);
    const value = { title: request.title, ...scopeOf(request), impact: request.impact, starts: request.starts, ends: request.ends, description: request.description };
    const file = addFile(fileIn(files, maintenancePath(id)), { value, schema: MaintenanceSchema, comment: 'Maintenance window, announced through the portal.' });
    return change(context, 'maintenance', {
      branch: id,
      title: `Maintenance: ${oneLine(request.title).slice(0, 100)}`,
      commit: `Schedule maintenance ${id}`,
      files: [file],
      intro: `Announces the maintenance window ${code(id)}: **${escapeInline(request.title)}**, from ${code(request.starts)} to ${code(request.ends)}.`,
      rows: [['Services', request.services.map(code).join(', ')], ['Impact', code(request.impact)]],
      text: request.description,
      textTitle: 'Description',
    });
  },
};

/**
 * Connect templates (schemas/connect.ts): the renderer fills them in for one tenant and environment
 * (lib/connect.ts), the rules across files refuse a template that names a field the tenant files
 * do not have, and a tenant that lacks a field its services' templates need (lib/connect-rules.ts).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectSchema, type ConnectInput } from '../../packages/platform-portal/src/schemas/connect.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { TenantSchema, type TenantInput } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { placeholdersIn, renderConnect } from '../../packages/platform-portal/src/lib/connect.ts';
import { connectProblems } from '../../packages/platform-portal/src/lib/connect-rules.ts';
import { fieldSchema } from '../../packages/platform-portal/src/lib/field-words.ts';
import { formatProblem } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';
import { onboarding } from '../../packages/platform-portal/src/requests/onboarding.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import type { BuildContext } from '../../packages/platform-portal/src/requests/types.ts';
import portal from '../fixtures/basics/portal.config.ts';

const CONNECT: ConnectInput = {
  endpoints: {
    bootstrap: { label: 'Bootstrap servers', host: 'kafka.{{environment}}.example.internal', port: 9094 },
    registry: { label: 'Schema Registry', host: 'registry.{{environment}}.example.internal', port: 443 },
  },
  auth: 'SASL/SCRAM-SHA-512 for {{tenant.name}}',
  credentials: 'secret/data/tenants/{{tenant}}/kafka/{{environment}}',
  limits: ['{{tenant.services.kafka.partitions}} partitions'],
  snippets: {
    java: 'bootstrap.servers={{endpoint}}\nsasl.username={{tenant.slug}}-svc\n# {{endpoints.registry.host}} port {{endpoints.registry.port}}',
    cli: 'vault kv get {{credentials}}\nkcat -b {{host}}:{{port}} -L\n{{- with secret "x" }}{{ .Data.data.password }}{{ end }}',
  },
};

const connect = (input: ConnectInput = CONNECT) => ConnectSchema.parse(input);

const tenantInput = (over: Partial<TenantInput> = {}): TenantInput => ({
  name: 'Acme',
  slug: 'acme',
  owners: ['@a'],
  contact: 'a@example.com',
  cost_centre: 'CC-1000',
  onboarded: '2026-01-01',
  environments: ['dev', 'prod'],
  services: { kafka: { partitions: 24 } },
  ...over,
});

describe('the renderer', () => {
  it('fills every placeholder from the tenant, the environment, the endpoints and the credentials', () => {
    const { view, gaps } = renderConnect(connect(), TenantSchema.parse(tenantInput()), 'prod');
    expect(gaps).toEqual([]);
    expect(view).toEqual({
      environment: 'prod',
      endpoints: [
        { id: 'bootstrap', label: 'Bootstrap servers', host: 'kafka.prod.example.internal', port: 9094, address: 'kafka.prod.example.internal:9094' },
        { id: 'registry', label: 'Schema Registry', host: 'registry.prod.example.internal', port: 443, address: 'registry.prod.example.internal:443' },
      ],
      auth: 'SASL/SCRAM-SHA-512 for Acme',
      credentials: 'secret/data/tenants/acme/kafka/prod',
      limits: ['24 partitions'],
      snippets: [
        {
          language: 'java',
          label: 'Java',
          lang: 'java',
          code: 'bootstrap.servers=kafka.prod.example.internal:9094\nsasl.username=acme-svc\n# registry.prod.example.internal port 443',
        },
        {
          language: 'cli',
          label: 'CLI',
          lang: 'sh',
          code: 'vault kv get secret/data/tenants/acme/kafka/prod\nkcat -b kafka.prod.example.internal:9094 -L\n{{- with secret "x" }}{{ .Data.data.password }}{{ end }}',
        },
      ],
    });
  });

  it('prints a hostile value in text as it is, once, and never expands braces inside it', () => {
    const name = '</code><script>alert("x")</script> {{tenant.slug}} {{environment}}';
    const { view, gaps } = renderConnect(connect(), { ...TenantSchema.parse(tenantInput()), name }, 'dev');
    expect(gaps).toEqual([]);
    expect(view!.auth).toBe(`SASL/SCRAM-SHA-512 for ${name}`);
  });

  it('refuses to paste a value with quotes, spaces, $ or braces into code, naming the field', () => {
    for (const bad of ['a"b', "a'b", 'a b', '$(rm -rf /)', '`id`', 'a\\b', '{{credentials}}', 'a;b']) {
      const template = connect({ ...CONNECT, snippets: { python: 'name = "{{tenant.name}}"' } });
      const { view, gaps } = renderConnect(template, { ...TenantSchema.parse(tenantInput()), name: bad }, 'dev');
      expect(view, bad).toBeUndefined();
      expect(gaps, bad).toEqual([expect.objectContaining({ template: 'connect.snippets.python', field: 'name', reason: 'unsafe' })]);
    }
  });

  it('names a missing field, a list and a group of fields instead of printing undefined', () => {
    const template = connect({ ...CONNECT, limits: ['{{tenant.kafka_user}}', '{{tenant.owners}}', '{{tenant.services}}', '{{tenant.onboarded}}'] });
    const { view, gaps } = renderConnect(template, TenantSchema.parse(tenantInput()), 'dev');
    expect(view).toBeUndefined();
    expect(gaps.map((g) => [g.field, g.reason])).toEqual([
      ['kafka_user', 'missing'],
      ['owners', 'composite'],
      ['services', 'composite'],
    ]);
  });

  it('reads own fields only: a placeholder naming what every object has finds nothing', () => {
    const template = connect({ ...CONNECT, limits: ['{{tenant.constructor}}', '{{tenant.services.kafka.__proto__}}'] });
    expect(renderConnect(template, TenantSchema.parse(tenantInput()), 'dev').gaps.map((g) => g.reason)).toEqual(['missing', 'missing']);
  });

  it('tells code in braces from placeholders, and a known name written with spaces from code', () => {
    expect(placeholdersIn('{{ .Data.data.password }} {{- with secret "x" -}} {{tenant.slug}} {{ tenant.slug }} {{tenants}}')).toEqual([
      { raw: '{{tenant.slug}}', placeholder: { kind: 'tenant', path: ['slug'] } },
      { raw: '{{ tenant.slug }}', problem: '{{ tenant.slug }} has spaces inside the braces, so it would be printed as it is; write {{tenant.slug}}' },
      { raw: '{{tenants}}', problem: expect.stringContaining('{{tenants}} is not a placeholder') },
    ]);
  });
});

describe('the schema', () => {
  it('takes a secret store path and refuses what looks like a secret', () => {
    expect(ConnectSchema.safeParse(CONNECT).success).toBe(true);
    for (const credentials of ['hunter2', 'password: hunter2', 'AKIAIOSFODNN7EXAMPLE', 'postgres://user:pw@host/db', 'secret/data/x y']) {
      const result = ConnectSchema.safeParse({ ...CONNECT, credentials });
      expect(result.success, credentials).toBe(false);
      expect(result.error!.issues[0]!.message).toContain('never a secret itself');
    }
  });

  it('keeps the snippets in the order of the file and refuses a language it does not know', () => {
    expect(Object.keys(connect({ ...CONNECT, snippets: { python: 'a', cli: 'b', go: 'c', java: 'd' } }).snippets)).toEqual(['python', 'cli', 'go', 'java']);
    expect(ConnectSchema.safeParse({ ...CONNECT, snippets: { cobol: 'x' } }).success).toBe(false);
  });
});

// ---- the rules across files ----

const TenantsOfSite = TenantSchema.extend({ kafka_user: z.string().optional() });
const tenantHasField = (path: string) => !['never', undefined].includes(fieldSchema(TenantsOfSite, path.split('.'))?._zod.def.type);
const kafka = (input: ConnectInput) => ({ id: 'kafka', file: 'content/services/kafka.yaml', data: ServiceSchema.parse({ ...kafkaService(600), connect: input }) });
const tenant = (over: Partial<TenantInput> & Record<string, unknown> = {}) => {
  const data = TenantsOfSite.parse(tenantInput(over));
  return { id: data.slug, file: `content/tenants/${data.slug}.yaml`, data };
};
const said = (problems: ReturnType<typeof connectProblems>) => problems.map(formatProblem);

describe('the rules across files', () => {
  it('pass when every placeholder is known and every tenant has what its templates need', () => {
    expect(connectProblems({ services: [kafka(CONNECT)], tenants: [tenant()], tenantHasField })).toEqual([]);
  });

  it('name the service file and the template of a field the tenant files do not have, and of a placeholder the syntax does not know', () => {
    const bad = { ...CONNECT, snippets: { java: 'user={{tenant.kafka_usr}}', go: '{{tenant.services.kafka.bytes}} {{endpoints.rest}} {{tenant.services.redis.memory}}' }, credentials: 'secret/{{credentials}}/x' };
    expect(said(connectProblems({ services: [kafka(bad)], tenants: [tenant()], tenantHasField }))).toMatchInlineSnapshot(`
      [
        "content/services/kafka.yaml → connect.credentials: {{credentials}} cannot be used here; an endpoint's host and the credentials path take {{tenant…}} and {{environment}} only",
        "content/services/kafka.yaml → connect.snippets.java: {{tenant.kafka_usr}} is not a field of the tenant files; name a field of the tenant files, e.g. {{tenant.slug}}, or add the field to the site's tenants in src/content.config.ts",
        "content/services/kafka.yaml → connect.snippets.go: {{tenant.services.kafka.bytes}} names the quota unit "bytes", which Kafka does not have (it has partitions)",
        "content/services/kafka.yaml → connect.snippets.go: {{endpoints.rest}} names no endpoint; connect.endpoints has bootstrap, registry",
        "content/services/kafka.yaml → connect.snippets.go: {{tenant.services.redis.memory}} names the service "redis", which is not in the catalog (kafka)",
      ]
    `);
  });

  it("name the tenant's file and field when a tenant that uses the service lacks a field a template needs, once for all its environments", () => {
    const needsUser = { ...CONNECT, snippets: { java: 'sasl.username={{tenant.kafka_user}}' } };
    const problems = connectProblems({
      services: [kafka(needsUser)],
      tenants: [tenant(), tenant({ slug: 'beta', kafka_user: 'beta-svc' }), tenant({ slug: 'gamma', services: {} }), tenant({ slug: 'delta', kafka_user: 'a b' })],
      tenantHasField,
    });
    expect(said(problems)).toMatchInlineSnapshot(`
      [
        "content/tenants/acme.yaml → kafka_user: content/services/kafka.yaml uses {{tenant.kafka_user}} in connect.snippets.java of the tenant's Kafka connect page, and this file has no kafka_user; add it, or take the placeholder out of the template",
        "content/tenants/delta.yaml → kafka_user: content/services/kafka.yaml uses {{tenant.kafka_user}} in connect.snippets.java of the tenant's Kafka connect page: kafka_user is "a b", which has characters that could change the code it is pasted into (only letters, digits and ._:/@+=,- are safe there); use another field in the template",
      ]
    `);
  });
});

describe('the onboarding pull request', () => {
  const context = (catalog: BuildContext['catalog']): BuildContext => ({
    requestId: 'feedfacecafebeef0123456789abcdef',
    requesterHash: 'abcdef0123456789feedfacecafebeef',
    requester: { email: 'someone@example.com' },
    now: new Date('2026-12-04T10:00:00Z'),
    catalog,
    config: requestConfig(portal, 'onboarding'),
  });
  const request = onboarding.schema.parse({ ...onboarding.example, slug: 'recommendations', services: { kafka: { partitions: 24 }, postgresql: { storage_gb: 50 } } });
  const postgresql = ServiceSchema.parse({ ...kafkaService(600), name: 'PostgreSQL', quotas: { storage_gb: { label: 'Storage', unit: 'GB', description: 'Storage.', default: 20, maximum: 2000 } } });

  it("links the new tenant's connect pages, by the site's address, for the services that have a template", () => {
    const catalog = new Map([['kafka', kafka(CONNECT).data], ['postgresql', postgresql]]);
    const { body } = onboarding.build(request, new Map(), context(catalog));
    expect(body).toContain(
      [
        '### How to connect',
        '',
        'Once this is merged and the site rebuilt, the team finds its endpoints, credentials paths and client code here:',
        '',
        `- [Kafka](${portal.site}/tenants/recommendations/connect/kafka/)`,
        '',
      ].join('\n'),
    );
    expect(body).not.toContain('/connect/postgresql/');
  });

  it('says nothing of connecting when no service it asks for has a template', () => {
    const catalog = new Map([['kafka', ServiceSchema.parse(kafkaService(600))], ['postgresql', postgresql]]);
    expect(onboarding.build(request, new Map(), context(catalog)).body).not.toContain('How to connect');
  });
});

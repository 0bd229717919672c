import { TenantSchema, tenantPath, type TenantInput } from '../schemas/tenant.ts';
import { addFile, fileIn } from '../changes/index.ts';
import { CODEOWNERS_FILES, tenantCodeowners } from './codeowners-change.ts';
import { OnboardingRequestSchema } from './onboarding-schema.ts';
import { tenantQuotaProblems } from '../lib/tenant-quotas.ts';
import { code, escapeInline, inert, oneLine } from '../lib/markdown.ts';
import { isoDay } from '../lib/dates.ts';
import { requestBody } from './pr-body.ts';
import { connectPath } from '../lib/connect.ts';
import { RequestRefused, type RequestType } from './types.ts';

export const onboarding: RequestType<typeof OnboardingRequestSchema> = {
  type: 'onboarding',
  title: 'Onboard a team',
  summary: 'Get a tenant with quotas on the services you need.',
  description: 'Adds content/tenants/<slug>.yaml: the team becomes a tenant with quotas on the services it asks for.',
  schema: OnboardingRequestSchema,
  example: {
    name: 'Recommendations',
    slug: 'recommendations',
    description: 'Product recommendations for the web shop.',
    owners: ['@alex-kim', '@sam-osei'],
    contact: 'recommendations@example.com',
    cost_centre: 'CC-2077',
    environments: ['dev', 'staging', 'prod'],
    data_classification: 'internal',
    services: { kafka: { partitions: 24, storage_gb: 100 }, postgresql: { storage_gb: 50 } },
    justification: 'We are moving the recommendation pipeline off a self-run Kafka and need topics and a small database.',
  },
  reads: (request) => [tenantPath(request.slug), ...CODEOWNERS_FILES],
  build(request, files, context) {
    const path = tenantPath(request.slug);
    if (files.get(path)) {
      throw new RequestRefused('conflict', `Tenant "${request.slug}" already exists. To change its quotas, use the capacity form.`, [
        { path: 'slug', message: `${path} already exists; pick another slug or request capacity for it` },
      ]);
    }
    const problems = tenantQuotaProblems(request.services, context.catalog);
    if (problems.length > 0) throw new RequestRefused('unprocessable', 'Some quotas are not in the service catalog.', problems);

    const tenant: TenantInput = {
      name: request.name,
      slug: request.slug,
      ...(request.description ? { description: request.description } : {}),
      owners: request.owners.map((o) => `@${o}`),
      contact: request.contact,
      cost_centre: request.cost_centre,
      status: 'onboarding',
      onboarded: isoDay(context.now),
      environments: request.environments,
      data_classification: request.data_classification,
      services: request.services,
    };
    // The file must pass the same schema as hand-written tenants before it is proposed. It keeps
    // the name and description as typed: GitHub links no mention or reference in a file or a diff.
    const added = addFile(fileIn(files, path), {
      value: tenant,
      schema: TenantSchema,
      comment: [
        // The schema refuses line breaks in a name; addFile writes each line of a comment as a
        // comment line whatever ends it (NEL, LS and PS end a line for YAML 1.1 readers too).
        `Tenant file for ${oneLine(request.name)}. Checked against the portal's tenant schema (reference: Content formats).`,
        `Added by onboarding request ${context.requestId.slice(0, 12)}; quota changes come in through /request/capacity/.`,
      ].join('\n'),
    });

    const serviceRows: [string, string][] = Object.entries(request.services).map(([serviceId, units]) => [
      escapeInline(context.catalog.get(serviceId)?.name ?? serviceId),
      Object.entries(units).map(([unit, value]) => `${code(unit)}: ${value}`).join(', '),
    ]);
    // Links to the pages the merged tenant gets: absolute, since a pull request's body is read on GitHub.
    const site = context.config.site;
    const connects = site === undefined ? [] : Object.keys(request.services).flatMap((id) => {
      const service = context.catalog.get(id);
      return service?.connect ? [`- [${escapeInline(service.name)}](${new URL(connectPath(request.slug, id), site).href})`] : [];
    });
    const connectLinks = connects.length > 0 ? ['### How to connect', '', 'Once this is merged and the site rebuilt, the team finds its endpoints, credentials paths and client code here:', '', ...connects].join('\n') : undefined;
    return {
      branch: `${context.config.branchPrefix}/onboarding/${request.slug}`,
      title: inert(`Onboard ${oneLine(request.name).slice(0, 80)} (${request.slug})`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'single',
      commitMessage: inert(`Onboard tenant ${request.slug}\n\nPortal-Request: ${context.requestId}`),
      files: [added, ...tenantCodeowners(files, context, { add: { slug: request.slug, owners: request.owners } })],
      body: requestBody({
        type: 'onboarding',
        context,
        intro: `Onboards **${escapeInline(request.name)}** as tenant ${code(request.slug)}: adds ${code(path)}.`,
        rows: [
          ['Team', escapeInline(request.name)],
          ['Slug', code(request.slug)],
          // Code spans, where GitHub mentions nobody: the requester names the owners, and a mention
          // would notify whoever they name. Reviewers come from requests.reviewers and CODEOWNERS.
          ['Owners', request.owners.map((o) => code(`@${o}`)).join(', ')],
          // A code span links nothing and copies the address exactly, with no word joiner in it.
          ['Contact', code(request.contact)],
          ['Cost centre', escapeInline(request.cost_centre)],
          ['Environments', request.environments.join(', ')],
          ['Data classification', request.data_classification],
          ...serviceRows,
        ],
        extra: connectLinks,
        justification: request.justification,
      }),
    };
  },
};

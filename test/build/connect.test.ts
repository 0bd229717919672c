/**
 * "How to connect" in the fixture site's build: a page per tenant and service with a `connect`
 * template, one section per environment the tenant runs in, whose values are the tenant's own
 * (read here from its file); the tenant page links them; no React, light HTML. A template naming a
 * field the tenant files do not have, or one a tenant lacks, stops the build naming file and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { builtPages, DIST } from '../helpers/dist.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { pageWeight } from '../../bench/page-assets.ts';

const HTML_BUDGET = 12 * 1024;

const readYaml = async (file: string) => parseYaml(await readFile(path.join(BASICS, file), 'utf-8'));
const yamlIds = async (dir: string) => (await readdir(path.join(BASICS, dir))).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));

let pages: Map<string, HTMLElement>;
let tenants: Map<string, any>;
/** Services of the fixture's catalog with a connect template. */
let templated: string[];

beforeAll(async () => {
  pages = await builtPages();
  tenants = new Map(await Promise.all((await yamlIds('content/tenants')).map(async (id) => [id, await readYaml(`content/tenants/${id}.yaml`)] as const)));
  const services = await Promise.all((await yamlIds('content/services')).map(async (id) => [id, await readYaml(`content/services/${id}.yaml`)] as const));
  templated = services.filter(([, s]) => s.connect !== undefined).map(([id]) => id);
});

const connectPages = () => [...pages.keys()].filter((p) => /^\/tenants\/[^/]+\/connect\/[^/]+\/$/.test(p));
/** A code block's text as copied: Expressive Code keeps it in the copy button, lines joined by U+007F. */
const codeOf = (block: HTMLElement) => block.querySelector('button[data-code]')!.getAttribute('data-code')!.replace(/\u007f/g, '\n');

describe('connect pages', () => {
  it('exist for each tenant and each service it uses that has a template, and for no other', () => {
    const expected = [...tenants].flatMap(([slug, t]) => Object.keys(t.services).filter((s) => templated.includes(s)).map((s) => `/tenants/${slug}/connect/${s}/`));
    expect(templated.length).toBeGreaterThan(0);
    expect(connectPages().sort()).toEqual(expected.sort());
  });

  it("show, per environment the tenant runs in, the endpoints, credentials path, limits and snippets filled in with the tenant's file", () => {
    for (const [slug, t] of tenants) {
      if (!Object.hasOwn(t.services, 'kafka')) continue;
      const page = pages.get(`/tenants/${slug}/connect/kafka/`)!;
      const sections = page.querySelectorAll('section[data-environment]');
      expect(sections.map((s) => s.getAttribute('data-environment')), slug).toEqual(t.environments);
      for (const section of sections) {
        const env = section.getAttribute('data-environment')!;
        expect(section.querySelector('h2')!.id).toBe(env);
        expect(section.querySelector('[data-endpoint="bootstrap"]')!.text).toBe(`kafka.${env}.nimbus.internal:9094`);
        expect(section.querySelector('[data-connect="credentials"]')!.text).toBe(`secret/data/tenants/${slug}/kafka/${env}`);
        expect(section.querySelector('[data-connect="auth"]')!.text).toBe(`SASL/SCRAM-SHA-512 over TLS, for ${t.name} as ${slug}-svc.`);
        expect(section.querySelector('[data-connect="limits"]')!.innerText).toContain(`${t.services.kafka.partitions} partitions across the topics of ${t.name}.`);
        const tabs = section.querySelectorAll('[role="tab"]').map((tab) => tab.text.trim());
        expect(tabs).toEqual(['Java', 'Python', 'CLI']);
        const [java, python, cli] = section.querySelectorAll('[role="tabpanel"]').map(codeOf);
        expect(java!.split('\n')[0]).toBe(`// ${t.cost_centre}: KAFKA_USERNAME and KAFKA_PASSWORD from secret/data/tenants/${slug}/kafka/${env}`);
        expect(java).toContain(`props.put("bootstrap.servers", "kafka.${env}.nimbus.internal:9094");`);
        expect(python).toContain(`"sasl.username": "${slug}-svc",`);
        expect(python).toContain(`"schema.registry.url": "https://schema-registry.${env}.nimbus.internal:443",`);
        expect(cli).toContain(`vault read -format=json secret/data/tenants/${slug}/kafka/${env} | jq`);
        expect(cli).toContain(`kcat -b kafka.${env}.nimbus.internal:9094 -X sasl.username=${slug}-svc -L`);
        expect(cli).not.toMatch(/\{\{(?! )/);
      }
    }
  });

  it('are linked from the tenant page, only for services with a template', () => {
    for (const [slug, t] of tenants) {
      const links = pages.get(`/tenants/${slug}/`)!.querySelectorAll('a[href*="/connect/"]').map((a) => a.getAttribute('href'));
      const expected = Object.keys(t.services).filter((s) => templated.includes(s)).map((s) => `/tenants/${slug}/connect/${s}/`);
      expect(links, slug).toEqual(expected);
      expect(Boolean(pages.get(`/tenants/${slug}/`)!.querySelector('#connect')), slug).toBe(expected.length > 0);
    }
  });

  it(`ship no React island and weigh at most ${HTML_BUDGET / 1024} KB of HTML (gzip)`, async () => {
    for (const sitePath of connectPages()) {
      expect(pages.get(sitePath)!.querySelector('astro-island'), sitePath).toBeNull();
      const weight = (await pageWeight(DIST, sitePath))!;
      expect(weight.scripts.filter((s) => /react|client/i.test(s)), sitePath).toEqual([]);
      expect(weight.html, sitePath).toBeLessThanOrEqual(HTML_BUDGET);
    }
  });
});

describe('a connect template the tenants cannot fill stops the build', () => {
  let site: SiteCopy;
  beforeAll(async () => {
    site = await copySite('connect');
  });
  afterAll(() => site?.dispose());

  it('naming the service file and template of a field the tenant files do not have, and the tenant file of a field it lacks', async () => {
    const read = (file: string) => readFile(path.join(site.dir, file), 'utf-8');
    await site.write('content/services/kafka.yaml', (await read('content/services/kafka.yaml')).replace('-X sasl.username={{tenant}}-svc', '-X sasl.username={{tenant.kafka_user}}'));
    await site.write('content/services/postgresql.yaml', (await read('content/services/postgresql.yaml')).replace('TLS required.', 'TLS required, for {{tenant.description}}.'));
    const ledger = await read('content/tenants/payments-ledger.yaml');
    await site.write('content/tenants/payments-ledger.yaml', ledger.replace(/^description: >-\n(?: {2}.*\n)+/m, ''));
    const { code, output } = await site.run(['build']);
    expect(code).not.toBe(0);
    expect(output).toContain(
      "content/services/kafka.yaml → connect.snippets.cli: {{tenant.kafka_user}} is not a field of the tenant files; name a field of the tenant files, e.g. {{tenant.slug}}, or add the field to the site's tenants in src/content.config.ts",
    );
    expect(output).toContain(
      "content/tenants/payments-ledger.yaml → description: content/services/postgresql.yaml uses {{tenant.description}} in connect.auth of the tenant's PostgreSQL connect page, and this file has no description; add it, or take the placeholder out of the template",
    );
    expect(output).not.toMatch(/^\s+at /m);
  }, 180_000);
});

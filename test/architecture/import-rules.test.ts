/**
 * The import rules of packages/platform-portal/ARCHITECTURE.md, enforced on the source as it is
 * (nothing is built): one test per rule, each failing with every `file:line → import` that breaks
 * it. A rule changes with the document, in the same commit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { formatViolations, type Import, parseImports, readSources, type SourceFile, sourceFilesUnder, type Violation } from './imports.ts';
import { ENGINE, type Manifest, publicEntryPoints, type Repo, RULES } from './rules.ts';

/** The demo site's own files at the root of the repository; a fixture site has the same ones. */
const SITE_FILES = ['astro.config.mjs', 'ec.config.mjs', 'portal.config.ts'];
const SITE_FOLDERS = ['src', 'functions'];

function siteFiles(site: string): string[] {
  const at = (p: string) => (site ? `${site}/${p}` : p);
  return [...SITE_FILES.map(at).filter((p) => existsSync(path.join(REPO_ROOT, p))), ...SITE_FOLDERS.flatMap((dir) => sourceFilesUnder(REPO_ROOT, at(dir)))];
}

function repository(): Repo {
  const fixtures = readdirSync(path.join(REPO_ROOT, 'test/fixtures'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `test/fixtures/${e.name}`);
  const paths = [...sourceFilesUnder(REPO_ROOT, 'packages'), ...siteFiles(''), ...fixtures.flatMap(siteFiles), ...sourceFilesUnder(REPO_ROOT, 'tools')];
  const files = readSources(REPO_ROOT, [...new Set(paths)]).map((file) => ({ path: file.path, imports: parseImports(file) }));
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, ENGINE, 'package.json'), 'utf-8')) as Manifest;
  return { files, manifest };
}

const repo = repository();

describe('what may import what (packages/platform-portal/ARCHITECTURE.md)', () => {
  it('reads the engine, the demo site, every fixture site and the starter', () => {
    const count = (prefix: string) => repo.files.filter((f) => f.path.startsWith(prefix)).length;
    expect(count(`${ENGINE}/src/`)).toBeGreaterThan(200);
    expect(repo.files.flatMap((f) => f.imports).length).toBeGreaterThan(1000);
    for (const file of ['astro.config.mjs', 'functions/api/[[path]].ts', 'test/fixtures/basics/portal.config.ts', `${ENGINE}/starter/src/content.config.ts`]) {
      expect(repo.files.some((f) => f.path === file), file).toBe(true);
    }
    expect(publicEntryPoints(repo.manifest)).toEqual(['platform-portal', 'platform-portal/config', 'platform-portal/requests', 'platform-portal/forms', 'platform-portal/collections', 'platform-portal/functions', 'platform-portal/expressive-code']);
  });

  for (const [index, rule] of RULES.entries()) {
    it(`rule ${index + 1}: ${rule.title}`, () => {
      const found = rule.check(repo);
      expect(found.map(line), `Imports that break the rule:\n${formatViolations(found)}`).toEqual([]);
    });
  }
});

function line(v: Violation): string {
  return `${v.file}:${v.line} → ${v.specifier}`;
}

/** A made-up repository: each file named bad-* breaks the rule its folder or name says, everything else is fine. */
const FAKE: SourceFile[] = [
  // Fine everywhere.
  { path: 'astro.config.mjs', text: `import { defineConfig } from 'astro/config';\nimport portal from 'platform-portal';\nexport default defineConfig({ integrations: [portal()] });\n` },
  { path: 'functions/api/[[path]].ts', text: `import { portalApi } from 'platform-portal/functions';\nimport portal from '../../portal.config.ts';\nexport const onRequest = portalApi(portal);\n` },
  { path: `${ENGINE}/starter/functions/api/[[path]].ts`, text: `import { portalApi } from 'platform-portal/functions';\nimport portal from '../../portal.config.ts';\n` },
  { path: `${ENGINE}/src/index.ts`, text: `export { default } from './integration/index.ts';\n` },
  { path: `${ENGINE}/src/config/index.ts`, text: `import { z } from 'zod';\n` },
  { path: `${ENGINE}/src/requests-api.ts`, text: `export { defineRequestType } from './requests/define.ts';\n` },
  { path: `${ENGINE}/src/forms-api.ts`, text: `export { SchemaForm } from './islands/SchemaForm.tsx';\n` },
  { path: `${ENGINE}/src/collections/index.ts`, text: `import { defineCollection } from 'astro/content/config';\n` },
  { path: `${ENGINE}/src/expressive-code.ts`, text: `import { pluginShikiOnce } from './accel/shiki-plugin.ts';\n` },
  {
    path: `${ENGINE}/src/functions/index.ts`,
    // Imports written in comments and strings are not imports.
    text: `/**\n * import { portalApi } from 'platform-portal/functions';\n * import portal from '../../portal.config.ts';\n */\nimport { withProblems } from '../http/answer.ts';\nconst example = "import x from 'react'";\n`,
  },
  // Rule 9 through this file: the functions load lib/dates.ts, which loads Node.
  { path: `${ENGINE}/src/http/answer.ts`, text: `import { jwtVerify } from 'jose';\nimport type { Problem } from '../lib/problems.ts';\nimport { today } from '../lib/dates.ts';\n` },
  { path: `${ENGINE}/src/lib/problems.ts`, text: `import type { RSSFeedItem } from '@astrojs/rss';\nimport { TenantSchema } from '../schemas/tenant.ts';\n` },
  { path: `${ENGINE}/src/schemas/tenant.ts`, text: `import { z } from 'zod';\nimport { SlugSchema } from './slug.ts';\n` },
  { path: `${ENGINE}/src/github/client.ts`, text: `import {\n  Octokit,\n  type RestEndpointMethodTypes,\n} from '@octokit/rest';\nimport type { RequestError } from '@octokit/request-error';\n` },
  { path: `${ENGINE}/src/cli/start.ts`, text: `import { startLocalPortal } from '../dev/local-portal.ts';\nconst text = \`import x from '../../../tools/y.ts';\`;\n` },
  {
    path: `${ENGINE}/src/accel/markdown-worker.ts`,
    text: `import { EncodedTokenMetadata } from 'shiki/textmate';\nconst internal = (file) => import(new URL(\`dist/\${file}\`, astro).href);\n`,
  },
  { path: `${ENGINE}/src/integration/routes.ts`, text: `const ROUTES = new URL('../routes/', import.meta.url);\n` },

  // Rule 1: a site reaches past the public entry points.
  { path: 'src/content.config.ts', text: `import { portalCollections } from 'platform-portal/collections';\nimport { docsLoader } from 'platform-portal/src/collections/docs.ts';\n` },
  { path: 'test/fixtures/broken/ec.config.mjs', text: `export { default } from '../../../packages/platform-portal/src/expressive-code.ts';\n` },
  // ...and one that takes the demo site's own request type (fine) and a test helper (not).
  { path: 'test/fixtures/broken/portal.config.ts', text: `import { access } from '../../../src/requests/access.ts';\nimport { fixture } from '../../helpers/fixtures.ts';\n` },
  // Rule 3: runtime code imports a dev tool.
  { path: `${ENGINE}/src/integration/index.ts`, text: `import { freePort } from '../dev/ports.ts';\n` },
  // Rule 4: Octokit and jose outside their rooms.
  { path: `${ENGINE}/src/usage/pull-request.ts`, text: `import { Octokit } from '@octokit/rest';\n` },
  { path: `${ENGINE}/src/data/scorecard.ts`, text: `import 'jose';\n` },
  // Rules 5 and 6: impure pure modules (and rule 9, through http/answer.ts).
  { path: `${ENGINE}/src/lib/dates.ts`, text: `import { readFileSync } from 'fs';\n` },
  { path: `${ENGINE}/src/schemas/service.ts`, text: `import { parse } from 'yaml';\n` },
  // Rule 7: an island reaches the PR plumbing (dynamically).
  { path: `${ENGINE}/src/islands/Form.tsx`, text: `import { useState } from 'react';\nexport function Form() {\n  return <p>Don't wait</p>;\n}\nconst gh = await import('../github/client.ts');\n` },
  // Rule 8: a function renders a component and loads Node.
  { path: `${ENGINE}/src/functions/open-request.ts`, text: `import Page from '../components/Page.astro';\nimport { readFile } from 'node:fs/promises';\n` },
  // Rule 10: Astro's internals outside accel/, in an Astro component's frontmatter and script.
  {
    path: `${ENGINE}/src/components/Page.astro`,
    text: `---\nimport { resolveConfig } from 'astro/dist/core/config/config.js';\n---\n<p>import x from 'nothing'</p>\n<script>\n  const m = await import(\`\${base}/dist/core/logger.js\`);\n</script>\n`,
  },
  // Rules 11 and 12: the engine reaches the repository's tools and leaves its package.
  { path: `${ENGINE}/src/dev/seed.ts`, text: `import { generate } from '../../../../tools/generate-docs.ts';\n` },
  // Rule 13: an undeclared package.
  { path: `${ENGINE}/src/lib/feeds.ts`, text: `import { marked } from 'marked';\n` },
];

/** Rule 2: an internal module exported. */
const FAKE_MANIFEST: Manifest = {
  exports: {
    '.': { 'platform-portal-source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
    './config': './dist/config/index.js',
    './requests': './dist/requests-api.js',
    './forms': './dist/forms-api.js',
    './collections': './dist/collections/index.js',
    './functions': './dist/functions/index.js',
    './expressive-code': './dist/expressive-code.js',
    './internal': './dist/lib/problems.js',
    './package.json': './package.json',
  },
  dependencies: { zod: '*', jose: '*', '@octokit/rest': '*', react: '*', yaml: '*', shiki: '*', '@astrojs/rss': '*' },
  peerDependencies: { astro: '*' },
};

describe('the checker', () => {
  const fake: Repo = { files: FAKE.map((file) => ({ path: file.path, imports: parseImports(file) })), manifest: FAKE_MANIFEST };
  const report = (index: number) => RULES[index]!.check(fake).map(line);

  it('finds static, export, side-effect and dynamic imports, multi-line ones too, and none in comments, strings or template text', () => {
    const importsOf = (p: string) => fake.files.find((f) => f.path === p)!.imports.map((i: Import) => `${i.kind} ${i.specifier}${i.typeOnly ? ' (type)' : ''}`);
    expect(importsOf(`${ENGINE}/src/functions/index.ts`)).toEqual(['static ../http/answer.ts']);
    expect(importsOf(`${ENGINE}/src/github/client.ts`)).toEqual(['static @octokit/rest', 'static @octokit/request-error (type)']);
    expect(importsOf(`${ENGINE}/src/http/answer.ts`)).toEqual(['static jose', 'static ../lib/problems.ts (type)', 'static ../lib/dates.ts']);
    expect(importsOf(`${ENGINE}/src/data/scorecard.ts`)).toEqual(['side-effect jose']);
    expect(importsOf('test/fixtures/broken/ec.config.mjs')).toEqual(['export ../../../packages/platform-portal/src/expressive-code.ts']);
    expect(importsOf(`${ENGINE}/src/islands/Form.tsx`)).toEqual(['static react', 'dynamic ../github/client.ts']);
    expect(importsOf(`${ENGINE}/src/components/Page.astro`)).toEqual(['static astro/dist/core/config/config.js', 'dynamic-expression `${base}/dist/core/logger.js`']);
    expect(importsOf(`${ENGINE}/src/cli/start.ts`)).toEqual(['static ../dev/local-portal.ts']);
    expect(importsOf(`${ENGINE}/src/integration/routes.ts`)).toEqual(['file-url ../routes/']);
  });

  it('reports each broken rule of a made-up repository with its file, line and import, and nothing that is fine', () => {
    expect(RULES.map((_, index) => report(index))).toEqual([
      [
        'src/content.config.ts:2 → platform-portal/src/collections/docs.ts',
        'test/fixtures/broken/ec.config.mjs:1 → ../../../packages/platform-portal/src/expressive-code.ts',
        'test/fixtures/broken/portal.config.ts:2 → ../../helpers/fixtures.ts',
      ],
      [`${ENGINE}/package.json:0 → exports["./internal"] → ./dist/lib/problems.js`],
      [`${ENGINE}/src/integration/index.ts:1 → ../dev/ports.ts`],
      [`${ENGINE}/src/usage/pull-request.ts:1 → @octokit/rest`, `${ENGINE}/src/data/scorecard.ts:1 → jose`],
      [`${ENGINE}/src/lib/dates.ts:1 → fs`],
      [`${ENGINE}/src/schemas/service.ts:1 → yaml`],
      [`${ENGINE}/src/islands/Form.tsx:5 → ../github/client.ts`],
      [`${ENGINE}/src/functions/open-request.ts:1 → ../components/Page.astro`, `${ENGINE}/src/functions/open-request.ts:2 → node:fs/promises`],
      [`${ENGINE}/src/lib/dates.ts:1 → fs`],
      [`${ENGINE}/src/components/Page.astro:2 → astro/dist/core/config/config.js`, `${ENGINE}/src/components/Page.astro:6 → \`\${base}/dist/core/logger.js\``],
      [`${ENGINE}/src/dev/seed.ts:1 → ../../../../tools/generate-docs.ts`],
      [`${ENGINE}/src/dev/seed.ts:1 → ../../../../tools/generate-docs.ts`],
      [`${ENGINE}/src/lib/feeds.ts:1 → marked`],
    ]);
  });
});

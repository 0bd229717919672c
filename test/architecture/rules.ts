/**
 * The import rules of packages/platform-portal/ARCHITECTURE.md ("What may import what"), each a
 * function of the repository's parsed sources: it returns every import that breaks the rule.
 * import-rules.test.ts runs them on this repository and on a small made-up one.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { type Import, packageOf, type ParsedFile, type Violation } from './imports.ts';

export const ENGINE = 'packages/platform-portal';
export const SRC = `${ENGINE}/src`;

export interface Manifest {
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Repo {
  /** Every source file read: the engine (packages/), the demo site, the fixture sites, tools/. */
  files: ParsedFile[];
  /** packages/platform-portal/package.json. */
  manifest: Manifest;
}

export interface Rule {
  title: string;
  check(repo: Repo): Violation[];
}

/** The package's public modules, by export: each may point at its source and at its built twins. */
export const PUBLIC_MODULES: Record<string, string> = {
  '.': 'index',
  './config': 'config/index',
  './requests': 'requests-api',
  './forms': 'forms-api',
  './collections': 'collections/index',
  './functions': 'functions/index',
  './expressive-code': 'expressive-code',
};

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);
const inSrc = (file: string, ...folders: string[]) => folders.some((folder) => under(file, `${SRC}/${folder}`));

/** Imports that name a module (not a file loaded by URL, not an import() of a computed path). */
const named = (i: Import) => i.kind !== 'file-url' && i.kind !== 'dynamic-expression';
/** Imports that load a module when the code runs: `import type` is erased. */
const runtime = (i: Import) => named(i) && i.kind !== 'package-dir' && !i.typeOnly;
const bare = (i: Import) => named(i) && i.resolved === undefined;

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(packageOf(spec).name);
const isVirtual = (spec: string) => /^(astro|virtual):/.test(spec);
const isReact = (spec: string) => ['react', 'react-dom'].includes(packageOf(spec).name);
const isOctokit = (spec: string) => packageOf(spec).name === 'octokit' || spec.startsWith('@octokit/');
const isJose = (spec: string) => packageOf(spec).name === 'jose';
const isAstro = (spec: string) => packageOf(spec).name === 'astro' || spec.startsWith('@astrojs/');

/** Specifiers into Astro's, Starlight's or Shiki's internals, and the folders of those packages found to load their files. */
const INTERNAL = [/^astro\/dist(\/|$)/, /^@astrojs\/starlight\/(dist|internal)(\/|$)/, /^shiki\/(textmate|dist)(\/|$)/, /^(@shikijs\/)?vscode-textmate(\/|$)/, /^(astro|@astrojs\/starlight|shiki)\/package\.json$/];
/** An import() of a computed path into a package's build output, as accel/markdown-worker.ts loads Astro's modules. */
const INTO_DIST = /(^|[^\w-])dist\//;

function violationsOf(files: ParsedFile[], broken: (file: string, imported: Import) => boolean): Violation[] {
  return files.flatMap((file) =>
    file.imports.filter((imported) => broken(file.path, imported)).map((imported) => ({ file: file.path, line: imported.line, specifier: imported.specifier })),
  );
}

/** The folder of the site a file belongs to ('' for the demo site at the root), or undefined for anything else. */
export function siteOf(file: string): string | undefined {
  if (under(file, `${ENGINE}/starter`)) return `${ENGINE}/starter`;
  const site = /^(test\/fixtures\/[^/]+\/)?(?:astro\.config\.mjs|ec\.config\.mjs|portal\.config\.ts|src\/.+|functions\/.+|requests\/.+)$/.exec(file);
  if (!site) return undefined;
  return site[1] ? site[1].slice(0, -1) : '';
}

/** The public entry points, as a site imports them: `platform-portal`, `platform-portal/config`, ... */
export function publicEntryPoints(manifest: Manifest): string[] {
  return Object.keys(manifest.exports ?? {})
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? 'platform-portal' : `platform-portal/${key.slice(2)}`));
}

/** Every string an export points at, under any condition. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

const engineFiles = (repo: Repo) => repo.files.filter((f) => under(f.path, 'packages'));
const srcFiles = (repo: Repo, ...folders: string[]) => repo.files.filter((f) => (folders.length === 0 ? under(f.path, SRC) : inSrc(f.path, ...folders)));

/** The engine's files a module loads when it runs, itself included, following relative imports. */
function loadedBy(repo: Repo, entry: string): ParsedFile[] {
  const byPath = new Map(repo.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next) || !byPath.has(next)) continue;
    seen.add(next);
    for (const i of byPath.get(next)!.imports) if (runtime(i) && i.resolved) queue.push(i.resolved);
  }
  return [...seen].map((p) => byPath.get(p)!);
}

export const RULES: Rule[] = [
  {
    title:
      'a site (the demo site, each fixture site, the starter) imports the engine only through its public entry points (package.json "exports"), never a path into packages/, another subpath or a virtual:platform-portal/* module, and its relative imports stay inside the site (a fixture may also take the demo site\'s own code)',
    check(repo) {
      const entries = new Set(publicEntryPoints(repo.manifest));
      const sites = repo.files.filter((f) => siteOf(f.path) !== undefined);
      return violationsOf(sites, (file, i) => {
        if (!named(i)) return false;
        if (i.resolved === undefined) {
          if (i.specifier.startsWith('virtual:platform-portal')) return true;
          return packageOf(i.specifier).name === 'platform-portal' && !entries.has(i.specifier);
        }
        const site = siteOf(file)!;
        // A fixture may register the demo site's own code (test/fixtures/day-two: its request
        // types and content config), which this rule holds to the entry points in turn.
        if (site !== '' && siteOf(i.resolved) === '') return false;
        const rel = site === '' ? i.resolved : path.posix.relative(site, i.resolved);
        return rel.startsWith('..') || /^(packages|node_modules|test|tools|bench)(\/|$)/.test(rel);
      });
    },
  },
  {
    title:
      "the package's exports are its seven public modules (index, config, requests, forms, collections, functions, expressive-code: each src/ module and its dist/ twins) and ./package.json, nothing else",
    check({ manifest, files }) {
      const found: Violation[] = [];
      const wrong = (key: string, target: string) => found.push({ file: `${ENGINE}/package.json`, line: 0, specifier: `exports["${key}"] → ${target}` });
      for (const [key, value] of Object.entries(manifest.exports ?? {})) {
        const module = PUBLIC_MODULES[key];
        const allowed = key === './package.json' ? ['./package.json'] : module ? [`./src/${module}.ts`, `./dist/${module}.js`, `./dist/${module}.d.ts`] : [];
        const pointsAt = targets(value);
        if (pointsAt.length === 0) wrong(key, '(nothing)');
        for (const target of pointsAt) if (!allowed.includes(target)) wrong(key, target);
        const source = `${ENGINE}/src/${module}.ts`;
        if (module && !files.some((f) => f.path === source)) wrong(key, `${source} (missing)`);
      }
      for (const key of Object.keys(PUBLIC_MODULES)) if (!(key in (manifest.exports ?? {}))) wrong(key, '(not exported)');
      return found;
    },
  },
  {
    title: "the engine's runtime code never imports the dev tools: files under src/ outside dev/ and cli/ import nothing from src/dev/ or src/cli/",
    check(repo) {
      return violationsOf(
        srcFiles(repo).filter((f) => !inSrc(f.path, 'dev', 'cli')),
        (_, i) => i.resolved !== undefined && inSrc(i.resolved, 'dev', 'cli'),
      );
    },
  },
  {
    title: 'only src/github/ imports Octokit (@octokit/*, octokit) and only src/http/ imports jose',
    check(repo) {
      return violationsOf(engineFiles(repo), (file, i) => bare(i) && ((isOctokit(i.specifier) && !inSrc(file, 'github')) || (isJose(i.specifier) && !inSrc(file, 'http'))));
    },
  },
  {
    title:
      'pure modules stay pure: src/schemas/, src/lib/, src/requests/ and src/changes/ import no Node built-ins, no astro:* or virtual:* modules, no React, no Octokit, no Astro or Starlight at run time, and from the engine only each other',
    check(repo) {
      return violationsOf(srcFiles(repo, 'schemas', 'lib', 'requests', 'changes'), (_, i) => {
        if (i.resolved !== undefined) return named(i) && !inSrc(i.resolved, 'schemas', 'lib', 'requests', 'changes');
        if (!named(i)) return true;
        const s = i.specifier;
        return isBuiltin(s) || isVirtual(s) || isReact(s) || isOctokit(s) || (runtime(i) && isAstro(s));
      });
    },
  },
  {
    title: 'src/schemas/ imports only zod and other schemas',
    check(repo) {
      return violationsOf(srcFiles(repo, 'schemas'), (_, i) => (i.resolved !== undefined ? !inSrc(i.resolved, 'schemas') : packageOf(i.specifier).name !== 'zod'));
    },
  },
  {
    title:
      'islands (src/islands/) import no src/github/, src/http/, src/data/ or src/usage/, no jose, no Octokit, no Node built-ins, no astro:* or virtual:* modules, but for RequestTypeForm.tsx, which brings the site’s form components (virtual:platform-portal/form-components)',
    check(repo) {
      return violationsOf(srcFiles(repo, 'islands'), (file, i) => {
        if (i.resolved !== undefined) return inSrc(i.resolved, 'github', 'http', 'data', 'usage');
        if (!named(i)) return true;
        if (file === `${SRC}/islands/RequestTypeForm.tsx` && i.specifier === 'virtual:platform-portal/form-components') return false;
        return isJose(i.specifier) || isOctokit(i.specifier) || isBuiltin(i.specifier) || isVirtual(i.specifier);
      });
    },
  },
  {
    title:
      'functions (src/functions/) and src/http/ import from the engine only functions/, http/, github/, requests/, lib/ and schemas/ (no components/, routes/, islands/), and no React, no Astro (astro, @astrojs/*, astro:*, virtual:*), no Node built-ins',
    check(repo) {
      return violationsOf(srcFiles(repo, 'functions', 'http'), (_, i) => {
        if (i.resolved !== undefined) return named(i) && !inSrc(i.resolved, 'functions', 'http', 'github', 'requests', 'lib', 'schemas');
        if (!named(i)) return true;
        return isReact(i.specifier) || isAstro(i.specifier) || isVirtual(i.specifier) || isBuiltin(i.specifier);
      });
    },
  },
  {
    title:
      'everything the functions and the rate limits Worker load at run time (from src/functions/index.ts and src/rate-limits/worker.ts on) is free of React, Astro, virtual modules and Node built-ins: each is bundled into a Worker',
    check(repo) {
      const loaded = new Set([...loadedBy(repo, `${SRC}/functions/index.ts`), ...loadedBy(repo, `${SRC}/rate-limits/worker.ts`)]);
      return violationsOf([...loaded], (_, i) => {
        if (i.kind === 'dynamic-expression') return true;
        return runtime(i) && i.resolved === undefined && (isReact(i.specifier) || isAstro(i.specifier) || isVirtual(i.specifier) || isBuiltin(i.specifier));
      });
    },
  },
  {
    title:
      "only src/accel/ reaches into Astro's, Starlight's or Shiki's internals: astro/dist/…, @astrojs/starlight/dist/… or /internal, shiki/textmate, vscode-textmate, their package.json, or an import() of a computed path into dist/",
    check(repo) {
      const scope = repo.files.filter((f) => under(f.path, 'packages') || siteOf(f.path) !== undefined);
      return violationsOf(scope, (file, i) => {
        if (inSrc(file, 'accel')) return false;
        if (i.kind === 'dynamic-expression') return INTO_DIST.test(i.specifier);
        return bare(i) && INTERNAL.some((pattern) => pattern.test(i.specifier));
      });
    },
  },
  {
    title: "nothing under packages/ imports the repository's tools/, test/ or bench/, nor the demo site's files (portal.config.ts, astro.config.mjs, ec.config.mjs, src/, content/, functions/, public/ at the root)",
    check(repo) {
      return violationsOf(engineFiles(repo), (_, i) => {
        if (i.resolved === undefined) return false;
        return /^(tools|test|bench|src|content|functions|public)(\/|$)/.test(i.resolved) || ['portal.config.ts', 'astro.config.mjs', 'ec.config.mjs'].includes(i.resolved);
      });
    },
  },
  {
    title: 'files under src/ never import a path that leaves packages/platform-portal/ (also by new URL(…, import.meta.url)), nor the package by its own name',
    check(repo) {
      return violationsOf(srcFiles(repo), (_, i) => {
        if (i.resolved !== undefined) return !under(i.resolved, ENGINE);
        return named(i) && packageOf(i.specifier).name === 'platform-portal';
      });
    },
  },
  {
    title: "the engine's shipped code (src/, bin/) loads only packages its package.json declares (dependencies, peerDependencies), Node built-ins and Astro's virtual modules (`import type` aside: it is erased)",
    check({ files, manifest }) {
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      const shipped = files.filter((f) => under(f.path, SRC) || under(f.path, `${ENGINE}/bin`));
      return violationsOf(shipped, (_, i) => runtime(i) && i.resolved === undefined && !isBuiltin(i.specifier) && !isVirtual(i.specifier) && !declared.has(packageOf(i.specifier).name));
    },
  },
];

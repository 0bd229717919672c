import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copySite } from '../test/helpers/site-copy.ts';
import { REPO_ROOT } from '../test/helpers/fixtures.ts';
import { astroBin } from '../packages/platform-portal/src/dev/bins.ts';
import { generateDocs, type GeneratedPage } from '../tools/generate-docs.ts';
import type { BenchContext } from './context.ts';
import { runMeasured, type Measured } from './measure.ts';

export type SiteKind = 'portal' | 'bare' | 'mkdocs';

export const SITE_LABELS: Record<SiteKind, string> = {
  portal: 'portal',
  bare: 'bare Starlight',
  mkdocs: 'MkDocs Material',
};

/** One seed for every site, so all three build byte-identical pages. */
const SEED = 1;

export interface BenchSite {
  kind: SiteKind;
  dir: string;
  dist: string;
  /** The folder the generated pages are written into. */
  docsDir: string;
  /** The generated pages it holds, in order. */
  pages: GeneratedPage[];
  /** A build; cold the first time (no caches), then with what earlier builds left. Throws with the tail of the log on failure. */
  build(): Promise<Measured>;
  dispose(): Promise<void>;
}

const ASTRO_ENV = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

/**
 * The portal's build environment, as `.github/workflows/site.yml` sets it: the Rust parts of the
 * build (Rolldown, Astro's compiler) hand freed memory back to the system at once instead of after
 * a delay, and commit memory only when they use it. Read at process start, so it cannot live in
 * astro.config.mjs.
 */
const PORTAL_BUILD_ENV = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' };

/** A throw-away project of the given kind holding `count` generated pages. */
export async function createSite(kind: SiteKind, ctx: BenchContext, count: number): Promise<BenchSite> {
  switch (kind) {
    case 'portal': {
      const copy = await copySite('bench-portal');
      ctx.defer(copy.dispose);
      return astroSite(kind, copy.dir, path.join(copy.dir, 'content/docs'), count, copy.dispose, PORTAL_BUILD_ENV);
    }
    case 'bare': {
      const dir = await ctx.tempDir('bare-starlight-');
      await writeBareStarlight(dir);
      return astroSite(kind, dir, path.join(dir, 'src/content/docs'), count, () => rm(dir, { recursive: true, force: true }));
    }
    case 'mkdocs': {
      const dir = await ctx.tempDir('mkdocs-');
      await writeFile(path.join(dir, 'mkdocs.yml'), MKDOCS_YML);
      const docsDir = path.join(dir, 'docs');
      const pages = await generateDocs({ dir: docsDir, count, seed: SEED });
      const dist = path.join(dir, 'site');
      return {
        kind, dir, dist, docsDir, pages,
        build: () => checked('mkdocs build', runMeasured('mkdocs', ['build', '--site-dir', dist], { cwd: dir })),
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    }
  }
}

async function astroSite(kind: SiteKind, dir: string, docsDir: string, count: number, dispose: () => Promise<void>, env: Record<string, string> = {}): Promise<BenchSite> {
  // A bare Starlight site's node_modules is hard-linked from the project: its caches would make the
  // build warm, and a build rewriting a cache file in place would write through the link.
  for (const cache of ['.astro', '.vite']) await rm(path.join(dir, 'node_modules', cache), { recursive: true, force: true });
  const pages = count > 0 ? await generateDocs({ dir: docsDir, count, seed: SEED }) : [];
  // Run Astro's entry with this Node (26, through npm's PATH): the .bin shim would find the system's 20.
  const astro = astroBin(dir);
  return {
    kind, dir, dist: path.join(dir, 'dist'), docsDir, pages, dispose,
    build: () => checked('astro build', runMeasured(process.execPath, [astro, 'build'], { cwd: dir, env: { ...ASTRO_ENV, ...env } })),
  };
}

async function checked(what: string, run: Promise<Measured>): Promise<Measured> {
  const result = await run;
  if (result.code !== 0) {
    throw new Error(`${what} exited with ${result.code}. Last lines of its output:\n${result.output.split('\n').slice(-40).join('\n')}`);
  }
  return result;
}

/** Starlight as its docs start a project: a title, the default sidebar (every page), Pagefind on. */
async function writeBareStarlight(dir: string): Promise<void> {
  const { dependencies } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf-8'));
  const files: Record<string, string> = {
    // The same versions as the portal, listed as `npm create astro` lists them: Vite decides from
    // the dependencies which packages to bundle for the server build, and Starlight must be bundled.
    'package.json': JSON.stringify({ name: 'bare-starlight', private: true, type: 'module', dependencies: { astro: dependencies.astro, '@astrojs/starlight': dependencies['@astrojs/starlight'] } }, null, 2),
    'astro.config.mjs': [
      "import { defineConfig } from 'astro/config';",
      "import starlight from '@astrojs/starlight';",
      '',
      "export default defineConfig({ integrations: [starlight({ title: 'Bare Starlight' })] });",
      '',
    ].join('\n'),
    'src/content.config.ts': [
      "import { defineCollection } from 'astro:content';",
      "import { docsLoader } from '@astrojs/starlight/loaders';",
      "import { docsSchema } from '@astrojs/starlight/schema';",
      '',
      'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
      '',
    ].join('\n'),
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const linked = spawnSync('cp', ['-al', path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
  if (linked.status !== 0) throw new Error(`Could not hard-link node_modules into ${dir}: ${linked.stderr}`);
}

/** MkDocs' defaults with Material: the nav lists every page (no `nav:`), search on. */
const MKDOCS_YML = `site_name: Bare MkDocs
theme:
  name: material
plugins:
  - search
`;

/**
 * Whether MkDocs with Material can build here. Debian packages them (mkdocs 1.4, material 8.2);
 * when missing and we are root, install them, as a developer would, and say so.
 */
export function mkdocsAvailability(log: (message: string) => void): { ok: true; version: string } | { ok: false; reason: string } {
  const probe = () => {
    const version = spawnSync('mkdocs', ['--version'], { encoding: 'utf-8' });
    if (version.status !== 0) return version;
    // Material must import in mkdocs' own Python (its shebang), not whichever python3 is first on
    // PATH; Debian's mkdocs puts its themes folder on the path when imported, hence both imports.
    const python = spawnSync('sh', ['-c', 'head -n 1 "$(command -v mkdocs)"'], { encoding: 'utf-8' }).stdout.replace(/^#!\s*/, '').trim();
    const material = spawnSync(python.split(/\s+/)[0] || 'python3', ['-c', 'import mkdocs, material'], { encoding: 'utf-8' });
    return { status: material.status, stdout: version.stdout.match(/version (\S+)/)?.[1] ?? version.stdout, stderr: material.stderr };
  };
  let found = probe();
  if (found.status !== 0 && process.getuid?.() === 0) {
    log('MkDocs or mkdocs-material is missing: installing with `apt-get install -y mkdocs mkdocs-material`.');
    let install = spawnSync('apt-get', ['install', '-y', '-q', 'mkdocs', 'mkdocs-material'], { encoding: 'utf-8' });
    if (install.status !== 0) {
      spawnSync('apt-get', ['update', '-q'], { encoding: 'utf-8' });
      install = spawnSync('apt-get', ['install', '-y', '-q', 'mkdocs', 'mkdocs-material'], { encoding: 'utf-8' });
    }
    found = probe();
    if (found.status !== 0) return { ok: false, reason: `apt-get install mkdocs mkdocs-material failed: ${(install.stderr ?? '').trim().split('\n').at(-1)}` };
  }
  if (found.status !== 0) return { ok: false, reason: 'mkdocs and mkdocs-material are not installed (apt-get install -y mkdocs mkdocs-material, as root).' };
  return { ok: true, version: found.stdout.trim() };
}

/** Number of HTML pages a build wrote. */
export async function countHtml(dist: string): Promise<number> {
  return (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html')).length;
}

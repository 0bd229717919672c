/**
 * The accelerations in this folder lean on Astro's, Starlight's and Shiki's internals, which can
 * change in any minor release. They run only on the minor versions they were written and tested
 * for; on any other the build takes Astro's own path (same pages, slower) and says so once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Major.minor of each package, as tested. Update with the code that depends on them. */
export const WRITTEN_FOR = { astro: '7.3', '@astrojs/starlight': '0.42', shiki: '4.6' } as const;

type Dependency = keyof typeof WRITTEN_FOR;

/**
 * Versions to assume instead of the installed ones, e.g. `astro@8.0.0`: how the tests (and anyone
 * curious) see what a site on an untested release gets.
 */
export const ASSUME_VARIABLE = 'PORTAL_ASSUME_VERSIONS';

export type AccelSupport = { enabled: true } | { enabled: false; untested: string[] };

/**
 * The version of the package Node would load from `dir`, found as Node finds a package (the
 * nearest node_modules folder up the tree that has it): Starlight's exports do not include its
 * package.json, so it cannot be resolved by name.
 */
function installedVersion(name: Dependency, dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      return (JSON.parse(readFileSync(path.join(at, 'node_modules', name, 'package.json'), 'utf-8')) as { version?: string }).version;
    } catch {
      if (path.dirname(at) === at) return undefined;
    }
  }
}

/** Shiki is the portal's own dependency; Astro and Starlight are the site's. */
const lookupFrom = (name: Dependency, root: string) => (name === 'shiki' ? path.dirname(fileURLToPath(import.meta.url)) : root);

function assumedVersions(env: Record<string, string | undefined>): Map<string, string> {
  const pairs = (env[ASSUME_VARIABLE] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return new Map(pairs.map((pair) => {
    const at = pair.lastIndexOf('@');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

const cache = new Map<string, AccelSupport>();

/** Whether the accelerations may run for the site at `root`: only on the versions they were written for. */
export function accelSupport(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): AccelSupport {
  const key = `${root}\0${env[ASSUME_VARIABLE] ?? ''}`;
  const known = cache.get(key);
  if (known) return known;
  const assumed = assumedVersions(env);
  const untested = (Object.keys(WRITTEN_FOR) as Dependency[]).flatMap((name) => {
    const version = assumed.get(name) ?? installedVersion(name, lookupFrom(name, root));
    const minor = version?.split('.').slice(0, 2).join('.');
    return minor === WRITTEN_FOR[name] ? [] : [`${name} ${version ?? '(not found)'}`];
  });
  const support: AccelSupport = untested.length === 0 ? { enabled: true } : { enabled: false, untested };
  cache.set(key, support);
  return support;
}

/** The one warning a build on untested versions prints. */
export function untestedWarning(untested: string[]): string {
  const tested = Object.entries(WRITTEN_FOR).map(([name, minor]) => `${name} ${minor}`).join(', ');
  return (
    `The build's speed-ups were written for ${tested}; this site has ${untested.join(', ')}. ` +
    `It builds on Astro's own path instead: the same pages, more slowly. An update of platform-portal for these versions brings them back.`
  );
}

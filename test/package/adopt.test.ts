/**
 * What a team that adopts the portal does, from the packed package: `npm pack`, `platform-portal
 * init` into an empty folder with `--package <tarball>`, then in the new site `npm install`,
 * `npm test` and `npm start`. The new site holds content, config, one-line hookups and workflows:
 * everything else comes with the package. Needs the npm registry for the site's other packages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { postgresOnboarding } from '../helpers/onboarding.ts';

const PACKAGE = path.join(REPO_ROOT, 'packages/platform-portal');
const MANIFEST = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf-8')) as { version: string; exports: Record<string, unknown> };
/** The specifiers a site may import: the package's exports. */
const PUBLIC = Object.keys(MANIFEST.exports).filter((e) => e !== './package.json').map((e) => (e === '.' ? 'platform-portal' : `platform-portal/${e.slice(2)}`));

let work: string;
let site: string;
let tarball: string;

interface Run {
  code: number;
  output: string;
}

/**
 * The environment of a person's shell: the machine's own Node and npm (Node 20 here), without the
 * repository's node_modules/.bin that `npm test` puts first. The new site's npm scripts then find
 * its own Node 26, as they would for the team that adopts it.
 */
const SHELL_ENV = {
  ...process.env,
  PATH: (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes(`node_modules${path.sep}.bin`)).join(path.delimiter),
  ASTRO_TELEMETRY_DISABLED: '1',
};

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...SHELL_ENV, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const expectSuccess = (what: string, result: Run) => expect(result.code, `${what} failed:\n${result.output.slice(-3000)}`).toBe(0);

/** Every file of the site that its team keeps (not what npm, Astro or the local GitHub write). */
async function siteFiles(): Promise<string[]> {
  const entries = await readdir(site, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(site, path.join(e.parentPath, e.name)))
    .filter((f) => !/^(node_modules|dist|\.astro|\.local|\.wrangler)\//.test(f) && f !== 'package-lock.json')
    .sort();
}

beforeAll(async () => {
  // Packed from a copy beside the repository's own, so that the build folders of the tests
  // running meanwhile are not rebuilt under them; inside the repository, to find its node_modules.
  const copies = path.join(REPO_ROOT, 'test/.tmp/pack');
  await mkdir(copies, { recursive: true });
  const copy = await mkdtemp(path.join(copies, 'platform-portal-'));
  await cp(PACKAGE, copy, { recursive: true, filter: (f) => !/[/\\](dist|node_modules)$/.test(f) });
  // Packing builds the package with the repository's Node, as its own npm scripts would.
  const packed = await run('npm', ['pack', '--pack-destination', copy], copy, { PATH: `${path.dirname(process.execPath)}${path.delimiter}${SHELL_ENV.PATH}` });
  expectSuccess('npm pack', packed);
  tarball = path.join(copy, `platform-portal-${MANIFEST.version}.tgz`);

  work = await mkdtemp(path.join(os.tmpdir(), 'portal-adopt-'));
  site = path.join(work, 'acme-portal');
  // With the machine's own Node, as `npx platform-portal init` runs before the site has Node 26.
  const init = await run('node', [path.join(copy, 'bin/platform-portal.js'), 'init', site, '--team', 'Acme Platform Team', '--repository', 'acme/platform-portal', '--package', tarball, '--yes'], work);
  expectSuccess('platform-portal init', init);
  expectSuccess('npm install', await run('npm', ['install', '--no-audit', '--no-fund'], site));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a site made by platform-portal init from the packed package', () => {
  it('holds content, configuration, one-line hookups of the public entry points and workflows, and no engine code', async () => {
    const files = await siteFiles();
    const code = files.filter((f) => /\.(ts|tsx|mjs|js|astro)$/.test(f) && f !== 'portal.config.ts');
    expect(code.sort()).toEqual(['astro.config.mjs', 'ec.config.mjs', 'functions/api/[[path]].ts', 'src/content.config.ts']);
    for (const file of code) {
      const text = await readFile(path.join(site, file), 'utf-8');
      const lines = text.split('\n').filter((l) => l.trim() && !/^\s*(\/\/|\/\*|\*)/.test(l));
      expect(lines.length, `${file} is a hookup of a few lines`).toBeLessThanOrEqual(6);
      const imported = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const specifier of imported.filter((s) => s.startsWith('platform-portal'))) expect(PUBLIC, `${file} imports ${specifier}`).toContain(specifier);
    }
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'package.json', 'portal.config.ts', 'wrangler.toml', 'rate-limits.wrangler.toml', '.dev.vars.example', '.gitignore', '.github/workflows/access.yml', '.github/workflows/site.yml', '.github/workflows/usage.yml']),
    );
    expect(files.filter((f) => f.startsWith('content/')).length).toBeGreaterThanOrEqual(6);
  });

  it("installs the rate limits Worker where its config's main points", async () => {
    const config = await readFile(path.join(site, 'rate-limits.wrangler.toml'), 'utf-8');
    const main = /^main = "([^"]+)"$/m.exec(config)?.[1];
    expect(main).toBe('node_modules/platform-portal/dist/rate-limits/worker.js');
    await expect(readFile(path.join(site, main!), 'utf-8')).resolves.toContain('export default');
  });

  it('passes its own npm test: the content checked and the site built', async () => {
    const result = await run('npm', ['test'], site);
    expectSuccess('npm test', result);
    expect(result.output).toMatch(/Checked portal\.config\.ts and \d+ content files in [\d.]+ s: no problems\./);
    expect(result.output).not.toMatch(/\[WARN\] \[(platform-portal|content|glob-loader)\]/);
  }, 300_000);

  describe('under npm start', () => {
    let start: ChildProcess;
    let siteUrl: string;
    let githubUrl: string;
    beforeAll(async () => {
      const [sitePort, githubPort] = [await freePort(), await freePort()];
      siteUrl = `http://127.0.0.1:${sitePort}`;
      githubUrl = `http://127.0.0.1:${githubPort}`;
      start = spawn('npm', ['start'], { cwd: site, detached: true, env: { ...SHELL_ENV, PORT: String(sitePort), GITHUB_PORT: String(githubPort) }, stdio: 'ignore' });
      const deadline = Date.now() + 240_000;
      for (;;) {
        if (start.exitCode !== null) throw new Error(`npm start exited with ${start.exitCode}`);
        if (Date.now() > deadline) throw new Error('npm start did not serve the site within 240 s');
        const ok = await fetch(`${siteUrl}/`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }, 300_000);
    afterAll(async () => {
      if (start?.pid && start.exitCode === null) {
        process.kill(-start.pid, 'SIGTERM');
        await once(start, 'exit');
      }
    });

    it('serves the home page, a guide, the search index and the three request forms', async () => {
      for (const page of ['/', '/guides/getting-started/', '/request/onboarding/', '/request/capacity/', '/request/feedback/']) {
        const response = await fetch(`${siteUrl}${page}`);
        expect(response.status, page).toBe(200);
        expect(await response.text(), page).toContain('Acme Platform');
      }
      expect((await fetch(`${siteUrl}/pagefind/pagefind.js`)).status).toBe(200);
    });

    it('opens a pull request in its local GitHub for a request', async () => {
      const response = await fetch(`${siteUrl}/api/requests/onboarding`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: siteUrl },
        body: JSON.stringify(postgresOnboarding('adopt-test', 'Adopt Test')),
      });
      const body = (await response.json()) as { pullRequest?: { number: number } };
      expect(response.status, JSON.stringify(body)).toBe(201);
      const pull = (await (await fetch(`${githubUrl}/repos/acme/platform-portal/pulls/${body.pullRequest!.number}`, { headers: { authorization: 'token test' } })).json()) as { state: string; title: string };
      expect(pull.state).toBe('open');
      expect(pull.title).toContain('Adopt Test');
    });
  });
});

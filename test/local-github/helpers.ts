/**
 * A local GitHub per test file: seeded from a throw-away fixture folder, state in a temp dir,
 * a clock that ticks one second per reading (deterministic order), and an Octokit whose every
 * answer is checked against GitHub's OpenAPI description.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { testOctokit, type Octokit } from '../helpers/octokit.ts';
import { startLocalGitHub, type LocalGitHub, type LocalGitHubOptions } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import type { GitHubSchemas } from './openapi.ts';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';
import { gitHubConfigFromEnv } from '../../packages/platform-portal/src/github/config.ts';
import type { Repo } from '../../packages/platform-portal/src/github/files.ts';

export const OWNER = 'acme-platform';
export const REPO = 'portal-config';

/** The fixture repository: a couple of YAML files under content/. */
export const FIXTURE: Record<string, string> = {
  'content/tenants/acme.yaml': 'slug: acme\nname: ACME Corp\nservices:\n  kafka:\n    storage_gb: 100\n',
  'content/tenants/globex.yaml': 'slug: globex\nname: Globex\nservices: {}\n',
  'content/services/kafka.yaml': 'id: kafka\ntitle: Kafka\n',
};

export interface Harness {
  server: LocalGitHub;
  octokit: Octokit;
  root: string;
  dataDir: string;
  /** Starts a second server on the same data (for restart tests). */
  restart(options?: Partial<LocalGitHubOptions>): Promise<LocalGitHub>;
  close(): Promise<void>;
}

export function tickingClock(start = '2024-05-01T09:00:00Z'): () => Date {
  let time = Date.parse(start);
  return () => new Date((time += 1000));
}

export async function writeFixture(root: string): Promise<string> {
  const seed = join(root, 'seed');
  for (const [path, text] of Object.entries(FIXTURE)) {
    await mkdir(dirname(join(seed, path)), { recursive: true });
    await writeFile(join(seed, path), text);
  }
  return seed;
}

/** A call to the local GitHub's admin switch (/_admin/...), with the token the server made at start. */
export function adminFetch(server: Pick<LocalGitHub, 'apiUrl' | 'adminToken'>, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.apiUrl}/_admin/${path}`, { ...init, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json', ...init.headers } });
}

/** An Octokit on the local GitHub; with `schemas`, every 2xx answer is validated. */
export function octokitFor(server: LocalGitHub, schemas?: GitHubSchemas, auth = 'test-token'): Octokit {
  const octokit = testOctokit({ auth, baseUrl: server.apiUrl, log: { debug() {}, info() {}, warn() {}, error() {} } });
  if (schemas) {
    octokit.hook.after('request', (response, options) => {
      schemas.check(String(options.method), String(options.url), response.status, response.data);
    });
  }
  return octokit;
}

export async function startHarness(schemas?: GitHubSchemas, options: Partial<LocalGitHubOptions> = {}): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'local-github-test-'));
  const seedFrom = await writeFixture(root);
  const dataDir = join(root, 'data');
  const base: LocalGitHubOptions = { port: 0, repo: `${OWNER}/${REPO}`, dataDir, seedFrom, now: tickingClock(), ...options };
  const server = await startLocalGitHub(base);
  const extra: LocalGitHub[] = [];
  return {
    server,
    octokit: octokitFor(server, schemas),
    root,
    dataDir,
    async restart(more = {}) {
      const next = await startLocalGitHub({ ...base, ...more });
      extra.push(next);
      return next;
    },
    async close() {
      await Promise.all([server, ...extra].map((running) => running.close()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

const run = promisify(execFile);

/** The git CLI on the server's bare repository, isolated from the user's git config. */
export async function git(repoPath: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    env: { ...process.env, GIT_DIR: repoPath, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

/**
 * A raw HTTP call with the path sent exactly as written (fetch would resolve "..", and Octokit
 * never sends malformed JSON): for the inputs a hostile or broken client sends.
 */
export function call(
  server: LocalGitHub,
  method: string,
  path: string,
  init: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { authorization: 'token test-token', 'content-type': 'application/json', ...init.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          if (String(response.headers['content-type']).startsWith('application/json') && text) {
            json = JSON.parse(text) as Record<string, unknown>;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/** The portal's GitHub plumbing pointed at the harness's repository, with no pause between writes or retries. */
export function plumbingRepo(server: Pick<LocalGitHub, 'apiUrl'>): Repo {
  const config = gitHubConfigFromEnv({
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_BASE_BRANCH: 'main',
    GITHUB_API_URL: server.apiUrl,
    GITHUB_TOKEN: 'test-token',
    GITHUB_WRITE_INTERVAL_MS: '0',
    GITHUB_RETRY_BASE_MS: '0',
  });
  return { gh: createGitHub(config), config };
}

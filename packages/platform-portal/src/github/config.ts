import { z } from 'zod';
import { RepositorySchema } from '../schemas/site-config.ts';
import { normalisePrivateKey, privateKeyProblem } from './app-key.ts';

/** Where the pull requests go and how to authenticate, as read from the environment. */
export interface GitHubConfig {
  apiUrl: string;
  owner: string;
  repo: string;
  baseBranch: string;
  auth: { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string; installationId: string };
  retryBaseMs: number;
  writeIntervalMs: number;
  /** How long one call may take before it counts as failed and is retried. */
  timeoutMs: number;
}

const optional = z.string().trim().min(1).optional();

export const GitHubEnvSchema = z.object({
  GITHUB_REPOSITORY: RepositorySchema,
  GITHUB_BASE_BRANCH: z.string().trim().min(1).describe('Branch pull requests target.'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_TOKEN: optional,
  GITHUB_APP_ID: z.string().regex(/^\d+$/, 'GitHub App ids are numbers').optional(),
  GITHUB_APP_PRIVATE_KEY: z
    .string()
    .transform(normalisePrivateKey)
    .check((ctx) => {
      const problem = privateKeyProblem(ctx.value);
      // The key itself stays out of the issue: issues reach answers and logs.
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: undefined });
    })
    .optional()
    .describe("The GitHub App's private key, PKCS#8 PEM (checked here: a Worker cannot read the PKCS#1 key GitHub hands out)."),
  GITHUB_APP_INSTALLATION_ID: z.string().regex(/^\d+$/, 'installation ids are numbers').optional(),
  GITHUB_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  GITHUB_WRITE_INTERVAL_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  GITHUB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export function gitHubConfigFromEnv(env: z.input<typeof GitHubEnvSchema>): GitHubConfig {
  const e = GitHubEnvSchema.parse(env);
  const [owner, repo] = e.GITHUB_REPOSITORY.split('/') as [string, string];
  const common = { apiUrl: e.GITHUB_API_URL.replace(/\/$/, ''), owner, repo, baseBranch: e.GITHUB_BASE_BRANCH, retryBaseMs: e.GITHUB_RETRY_BASE_MS, writeIntervalMs: e.GITHUB_WRITE_INTERVAL_MS, timeoutMs: e.GITHUB_TIMEOUT_MS };
  if (e.GITHUB_TOKEN) return { ...common, auth: { kind: 'token', token: e.GITHUB_TOKEN } };
  if (e.GITHUB_APP_ID && e.GITHUB_APP_PRIVATE_KEY && e.GITHUB_APP_INSTALLATION_ID) {
    return { ...common, auth: { kind: 'app', appId: e.GITHUB_APP_ID, privateKey: e.GITHUB_APP_PRIVATE_KEY, installationId: e.GITHUB_APP_INSTALLATION_ID } };
  }
  throw new z.ZodError([
    {
      code: 'custom',
      path: ['GITHUB_TOKEN'],
      message: 'set GITHUB_TOKEN, or all three of GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID',
      input: undefined,
    },
  ]);
}

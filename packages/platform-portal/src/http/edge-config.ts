import { z } from 'zod';
import { gitHubConfigFromEnv, type GitHubConfig } from '../github/config.ts';
import { pathToString } from '../lib/problems.ts';
import { HttpProblem } from './problems.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

const AuthEnvSchema = z.discriminatedUnion(
  'AUTH_MODE',
  [
    z.object({
      AUTH_MODE: z.literal('access'),
      ACCESS_TEAM_DOMAIN: z
        .string()
        .regex(/^[a-z0-9-]+\.cloudflareaccess\.com$/, 'use your Access team domain, e.g. acme.cloudflareaccess.com'),
      ACCESS_AUD: z.string().regex(/^[a-f0-9]{64}$/, "use the Application Audience (AUD) tag of the portal's Access application"),
      ACCESS_JWKS_URL: z.url().optional(),
    }),
    z.object({
      AUTH_MODE: z.literal('dev'),
      DEV_USER_EMAIL: z.email('set the email of the person every request is made as, e.g. you@example.com'),
      DEV_USER_NAME: z.string().optional(),
    }),
  ],
  { error: 'set AUTH_MODE=access (Cloudflare Access) in production, or AUTH_MODE=dev for local development' },
);

export type AuthConfig = z.output<typeof AuthEnvSchema>;

export interface EdgeConfig {
  github: GitHubConfig;
  auth: AuthConfig;
  /** Origins allowed to post; by default only the portal's own. */
  allowedOrigins: string[] | undefined;
}

type Env = Record<string, unknown>;

function fail(issues: z.core.$ZodIssue[]): never {
  const errors = issues.map((i) => ({ path: pathToString(i.path) || 'AUTH_MODE', message: i.message }));
  throw new HttpProblem('not-configured', `Fix the environment of the functions: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, { errors });
}

/** Reads and checks every variable the requests API needs; gaps are a 503 naming each variable. */
export function edgeConfig(env: Env, portal: Pick<PortalConfig, 'github'>): EdgeConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
  const issues: z.core.$ZodIssue[] = [];
  const auth = AuthEnvSchema.safeParse(strings);
  if (!auth.success) issues.push(...auth.error.issues);
  let github: GitHubConfig | undefined;
  try {
    github = gitHubConfigFromEnv({ GITHUB_REPOSITORY: portal.github.repository, GITHUB_BASE_BRANCH: portal.github.baseBranch, ...strings });
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    issues.push(...error.issues);
  }
  if (!auth.success || !github) fail(issues);
  const origins = strings.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
  return { github, auth: auth.data, allowedOrigins: origins };
}

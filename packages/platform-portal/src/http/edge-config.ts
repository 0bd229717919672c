import { z } from 'zod';
import { gitHubConfigFromEnv, type GitHubConfig } from '../github/config.ts';
import { pathToString } from '../lib/problems.ts';
import { RATE_LIMITS_BINDING } from '../lib/rate-limits.ts';
import { DEV_ID_SECRET } from './ids.ts';
import { HttpProblem } from './problems.ts';
import { isServiceBinding, type ServiceBinding } from './rate-limits.ts';
import { DEFAULT_LIST_CACHE_SECONDS } from './request-list-cache.ts';
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

const ID_SECRET_BYTES = 32;
const RANDOM = 'e.g. the output of `openssl rand -hex 32`';
const IdSecretSchema = z
  .string({ error: `set a random secret of at least ${ID_SECRET_BYTES} bytes, ${RANDOM}: it keys the ids that stand for people and submissions in pull requests` })
  .refine((secret) => new TextEncoder().encode(secret).length >= ID_SECRET_BYTES, `use at least ${ID_SECRET_BYTES} bytes, ${RANDOM}`)
  .describe('Keys the requester hashes and submission ids in pull requests (http/ids.ts); changing it hides earlier requests from My requests.');

/** Required with Access; dev mode, on loopback only, may use the public development secret. */
const ID_SECRET_ENV = {
  access: z.object({ PORTAL_ID_SECRET: IdSecretSchema.refine((secret) => secret !== DEV_ID_SECRET, `this is the development secret, which is public; set a random one, ${RANDOM}`) }),
  dev: z.object({ PORTAL_ID_SECRET: IdSecretSchema.default(DEV_ID_SECRET) }),
};

/** Required with Access: without it one person could spend the GitHub budget everyone shares. */
const RATE_LIMITS_MISSING = `bind the rate limits Worker: deploy it with \`npx wrangler deploy -c rate-limits.wrangler.toml\`, name it in wrangler.toml under [[services]] with binding = "${RATE_LIMITS_BINDING}", and deploy the site again`;

const ListCacheEnvSchema = z.object({
  PORTAL_LIST_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(DEFAULT_LIST_CACHE_SECONDS)
    .describe("How long a person's request list is kept in memory (http/request-list-cache.ts); 0 keeps none."),
});

export interface EdgeConfig {
  github: GitHubConfig;
  auth: AuthConfig;
  /** PORTAL_ID_SECRET, the key of the ids in pull requests. */
  idSecret: string;
  /** Origins allowed to post; by default only the portal's own. */
  allowedOrigins: string[] | undefined;
  /** PORTAL_RATE_LIMITS, the rate limits Worker; only dev mode goes without. */
  rateLimits: ServiceBinding | undefined;
  /** PORTAL_LIST_CACHE_SECONDS: how long a person's request list is kept. */
  listCacheSeconds: number;
}

type Env = Record<string, unknown>;

function fail(issues: z.core.$ZodIssue[]): never {
  const errors = issues.map((i) => ({ path: pathToString(i.path) || 'AUTH_MODE', message: i.message }));
  throw new HttpProblem('not-configured', `Fix the environment of the functions: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, { errors });
}

/** Reads and checks every variable and binding the requests API needs; gaps are a 503 naming each. */
export function edgeConfig(env: Env, portal: Pick<PortalConfig, 'github'>): EdgeConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
  const issues: z.core.$ZodIssue[] = [];
  const auth = AuthEnvSchema.safeParse(strings);
  if (!auth.success) issues.push(...auth.error.issues);
  const mode = strings.AUTH_MODE === 'access' || strings.AUTH_MODE === 'dev' ? strings.AUTH_MODE : undefined;
  const secret = mode ? ID_SECRET_ENV[mode].safeParse(strings) : undefined;
  if (secret && !secret.success) issues.push(...secret.error.issues);
  const limiter = env[RATE_LIMITS_BINDING];
  const rateLimits = isServiceBinding(limiter) ? limiter : undefined;
  if (mode === 'access' && !rateLimits) issues.push({ code: 'custom', path: [RATE_LIMITS_BINDING], message: RATE_LIMITS_MISSING, input: undefined });
  const listCache = ListCacheEnvSchema.safeParse(strings);
  if (!listCache.success) issues.push(...listCache.error.issues);
  let github: GitHubConfig | undefined;
  try {
    github = gitHubConfigFromEnv({ GITHUB_REPOSITORY: portal.github.repository, GITHUB_BASE_BRANCH: portal.github.baseBranch, ...strings });
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    issues.push(...error.issues);
  }
  if (!auth.success || !secret?.success || !github || !listCache.success || issues.length > 0) fail(issues);
  const origins = strings.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
  return { github, auth: auth.data, idSecret: secret.data.PORTAL_ID_SECRET, allowedOrigins: origins, rateLimits, listCacheSeconds: listCache.data.PORTAL_LIST_CACHE_SECONDS };
}

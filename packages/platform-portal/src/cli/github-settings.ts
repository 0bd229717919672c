/**
 * Where a command's pull request goes: GITHUB_* from the environment (set by Actions), else the
 * repository and base branch of portal.config.ts.
 */
import { z } from 'zod';
import { gitHubConfigFromEnv } from '../github/config.ts';
import { pathToString } from '../lib/problems.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** The environment lacks what a pull request needs (a token): said as a bad argument, exit 2. */
export class GitHubSettingsError extends Error {
  override name = 'GitHubSettingsError';
}

export function gitHubSettings(env: NodeJS.ProcessEnv, portal: PortalConfig) {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
  try {
    return gitHubConfigFromEnv({ GITHUB_REPOSITORY: portal.github.repository, GITHUB_BASE_BRANCH: portal.github.baseBranch, ...strings });
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new GitHubSettingsError(`--open-pr needs GitHub settings: ${error.issues.map((i) => `${pathToString(i.path)}: ${i.message}`).join('; ')}`);
  }
}

import { z } from 'zod';

/**
 * A GitHub login: a user's (`octocat`; Enterprise Managed Users add `_shortcode`) or a GitHub App's
 * bot (`<app-slug>[bot]`). https://docs.github.com/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/username-considerations-for-external-authentication
 */
export const GitHubLoginSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,44}(?:\[bot\])?$/, 'use a GitHub login, e.g. nimbus-portal-bot, or an app\'s bot, e.g. nimbus-portal[bot]')
  .describe('The GitHub login the portal opens pull requests as.');
export type GitHubLogin = z.output<typeof GitHubLoginSchema>;

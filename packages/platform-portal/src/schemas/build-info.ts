import { z } from 'zod';

/** A full git commit id: 40 lowercase hex digits. */
export const CommitShaSchema = z.string().regex(/^[0-9a-f]{40}$/, 'expected a full 40-character commit sha (git rev-parse HEAD)');

/**
 * `/build.json`: what the deployed site was built from. The requests API compares a merged
 * request's merge commit with `commit` to tell whether the request is live.
 */
export const BuildInfoSchema = z.object({
  commit: CommitShaSchema.nullable().describe('Commit of the config repository the site was built from; null when the build could not tell.'),
  branch: z.string().min(1).nullable().describe('Branch that commit was built from, when the build environment names it.'),
  builtAt: z.iso.datetime().describe('When the site was built, ISO 8601 in UTC.'),
});

export type BuildInfo = z.output<typeof BuildInfoSchema>;

import { withProblems } from '../http/answer.ts';
import { json } from '../http/problems.ts';
import type { PagesHandler } from '../http/pages.ts';
import { describeChange, PREVIEW_IDS } from '../lib/preview.ts';
import { assertFits } from '../requests/fit.ts';
import type { PortalConfig } from '../schemas/site-config.ts';
import { prepareRequest } from './prepare-request.ts';

/**
 * POST /api/requests/{type}/preview: the pull request a request would open, built by the type
 * against the base branch as it is now, and nothing written. The same checks and problems as
 * POST /api/requests/{type}; the ids only the real submission has are placeholders. Forms of types
 * whose code the page does not carry preview through it. It spends one of the person's reads.
 */
export const previewRequest = (portal: PortalConfig): PagesHandler => (context) =>
  withProblems(async () => {
    const { request, files, build } = await prepareRequest(context, portal, 'reads');
    const change = build(PREVIEW_IDS);
    assertFits(change, request);
    return json(200, describeChange(change, files), { 'cache-control': 'private, no-store' });
  });

/**
 * The demo site's content is data: requests change it, a team replaces it. Its one test: it is
 * valid, as `platform-portal check` (and so the site's build) sees it.
 */
import { describe, expect, it } from 'vitest';
import { checkSite, formatSiteCheck } from '../../packages/platform-portal/src/check/check-site.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

describe('the demo content', () => {
  it('is valid: every file fits its schema and the rules across files hold', async () => {
    const result = await checkSite(REPO_ROOT);
    expect(result.errors, formatSiteCheck(result)).toEqual([]);
  });
});

/**
 * What a request form page loads before anyone touches it: at most 100 KB of JavaScript (gzip) on
 * the form page of every request type the fixture site offers, and no zod, whose check loads when
 * the person starts on the form. The form made from a site's own type is weighed on its fixture
 * by test/e2e/custom-type.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageWeight } from '../../bench/page-assets.ts';
import { DIST } from '../helpers/dist.ts';
import { requestTypesOf } from '../../packages/platform-portal/src/requests/registry.ts';
import portal from '../fixtures/basics/portal.config.ts';

const FORM_PAGES = requestTypesOf(portal).map((type) => `/request/${type.type}/`);

describe('request form pages', () => {
  it.each(FORM_PAGES)('%s loads at most 100 KB of JavaScript (gzip) up front, and no zod', async (page) => {
    const weight = await pageWeight(DIST, page);
    expect(weight, `${page} was not built`).toBeDefined();
    expect(weight!.js).toBeLessThanOrEqual(100 * 1024);
    const withZod = [];
    for (const script of weight!.scripts) if ((await readFile(path.join(DIST, script), 'utf-8')).includes('ZodError')) withZod.push(script);
    expect(withZod).toEqual([]);
  });
});

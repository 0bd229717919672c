/**
 * The pages a site has (integration/routes.ts): the engine's routes/ folder, less the pages of the
 * built-in request types the site drops. A type's form goes with the type; the feedback insights
 * page stays while the site has feedback merged before it dropped the type.
 */
import { describe, expect, it } from 'vitest';
import { contentKindsOf, portalRoutes } from '../../packages/platform-portal/src/integration/routes.ts';
import { BASICS, fixture } from '../helpers/fixtures.ts';

const patterns = (requestTypes: string[], contentKinds: 'feedback'[] = []) => portalRoutes({ requestTypes, contentKinds }).map((r) => r.pattern);
const TYPE_PAGES = ['/request/onboarding', '/request/capacity', '/request/feedback', '/insights/feedback'];

describe('portalRoutes', () => {
  it('has every page of the built-in types when the site offers them all', () => {
    expect(patterns(['onboarding', 'capacity', 'feedback'])).toEqual(expect.arrayContaining(TYPE_PAGES));
  });

  it('has no page of a type the site drops, and only those: the rest are the same', () => {
    const all = patterns(['onboarding', 'capacity', 'feedback']);
    const kept = patterns(['onboarding', 'kafka-topic']);
    expect(all.filter((p) => !kept.includes(p))).toEqual(['/insights/feedback', '/request/capacity', '/request/feedback']);
    expect(kept.filter((p) => !all.includes(p))).toEqual([]);
  });

  it('has the direction page only while the site has a mission or goals', () => {
    expect(patterns(['onboarding'])).not.toContain('/direction');
    expect(portalRoutes({ requestTypes: [], contentKinds: ['goals'] }).map((r) => r.pattern)).toContain('/direction');
    expect(portalRoutes({ requestTypes: [], contentKinds: ['mission'] }).map((r) => r.pattern)).toContain('/direction');
  });

  it('keeps the feedback insights page of a site that dropped the type but has feedback merged', () => {
    expect(patterns(['onboarding'], ['feedback'])).toContain('/insights/feedback');
    expect(patterns(['onboarding'], ['feedback'])).not.toContain('/request/feedback');
  });
});

describe('contentKindsOf', () => {
  it('names feedback, mission and goals for a site with their files, and nothing for one without', () => {
    expect(contentKindsOf(BASICS)).toEqual(['feedback', 'mission', 'goals']);
    expect(contentKindsOf(fixture('custom-type'))).toEqual([]);
  });
});

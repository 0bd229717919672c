import { getSiteData } from './site-data.ts';
import { findRequestType } from '../requests/registry.ts';
import portal from 'virtual:platform-portal/config';

/**
 * Whether the site has the page of feedback and page health (/insights/feedback/): while it takes
 * feedback, or has feedback merged before it dropped the type. The route is injected by the same
 * rule (integration/routes.ts), so the insights navigation and the scorecard link to it only when
 * it is there.
 */
export async function hasFeedbackInsights(): Promise<boolean> {
  return findRequestType(portal, 'feedback') !== undefined || (await getSiteData()).feedback.length > 0;
}

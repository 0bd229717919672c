/**
 * The request types a site offers: `requests.types` of its portal.config.ts, or the built-in ones
 * when it lists none. Every part that takes a type (the functions, the schema endpoint, the form
 * pages, My requests, the scorecard) asks here; none lists type names of its own, and every link to
 * the form of a type a page names comes from `requestFormHref`, so a type a site drops leaves no
 * link behind.
 */
import type { PortalConfig } from '../schemas/site-config.ts';
import { capacity } from './capacity.ts';
import { feedback } from './feedback.ts';
import { onboarding } from './onboarding.ts';
import type { RequestType } from './types.ts';

/** The types the engine brings: a site keeps them by leaving `requests.types` out, or lists those it keeps. */
export const BUILT_IN_REQUEST_TYPES: readonly RequestType[] = [onboarding, capacity, feedback];

type Registered = Pick<PortalConfig, 'requests'>;

export function requestTypesOf(portal: Registered): readonly RequestType[] {
  // The configuration checked each entry's shape (schemas/request-type-entry.ts); defineRequestType typed it.
  return (portal.requests.types as readonly RequestType[] | undefined) ?? BUILT_IN_REQUEST_TYPES;
}

export function findRequestType(portal: Registered, name: string): RequestType | undefined {
  return requestTypesOf(portal).find((type) => type.type === name);
}

/** A value to fill a form field with from a link; fields left undefined are not filled. */
type FormFill = Record<string, string | number | undefined>;

/**
 * The link to a type's form, with fields filled in from `fill` (`/request/capacity/?service=kafka`),
 * or undefined when the site does not offer the type: a page links to a form only through this, and
 * leaves the link (and the sentence around it) out when there is none.
 */
export function requestFormHref(portal: Registered, name: string, fill: FormFill = {}): string | undefined {
  if (!findRequestType(portal, name)) return undefined;
  const filled = Object.entries(fill).flatMap(([field, value]) => (value === undefined ? [] : [[field, String(value)]]));
  const query = new URLSearchParams(filled).toString();
  return `/request/${name}/${query ? `?${query}` : ''}`;
}

/** What an unknown type name is told: the names there are. */
export function unknownTypeMessage(portal: Registered, name: string): string {
  const names = requestTypesOf(portal).map((type) => type.type);
  return `There is no request type "${name.slice(0, 40)}"; this portal takes ${names.join(', ')}.`;
}

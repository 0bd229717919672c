import { onboarding } from './onboarding.ts';
import { capacity } from './capacity.ts';
import { feedback } from './feedback.ts';
import type { RequestType } from './types.ts';

/** Every request type the portal accepts, by the name used in /api/requests/{type}. */
export const REQUEST_TYPES = { onboarding, capacity, feedback } as const satisfies Record<string, RequestType>;

export type RequestTypeName = keyof typeof REQUEST_TYPES;

export function requestType(name: string): RequestType | undefined {
  return Object.hasOwn(REQUEST_TYPES, name) ? (REQUEST_TYPES as Record<string, RequestType>)[name] : undefined;
}

/** What an unknown type name is told: the names there are, so nobody keeps a list of them by hand. */
export function unknownTypeMessage(name: string): string {
  return `There is no request type "${name.slice(0, 40)}"; use ${Object.keys(REQUEST_TYPES).join(', ')}.`;
}

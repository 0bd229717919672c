import { onboarding } from './onboarding.ts';
import { capacity } from './capacity.ts';
import { feedback } from './feedback.ts';
import type { RequestType } from './types.ts';

/** The built-in request types by name, for the engine's own pages, tests and the bench; a site's types are in registry.ts. */
export const REQUEST_TYPES = { onboarding, capacity, feedback } as const satisfies Record<string, RequestType>;

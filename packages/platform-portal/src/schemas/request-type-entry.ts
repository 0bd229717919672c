import { z } from 'zod';

/** A request type's name: its API path segment (`/api/requests/{type}`), form page and branch folder. */
export const RequestTypeNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'Name a request type with lowercase letters, digits and single hyphens, starting with a letter, e.g. kafka-topic.')
  .max(40, 'Keep a request type name to 40 characters: it is part of URLs, branch names and labels.')
  .describe('Name of the request type: its path under /api/requests/ and /request/.');

const isFunction = (value: unknown) => typeof value === 'function';
const isZodSchema = (value: unknown) => typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function';

/**
 * What the configuration checks of each entry of `requests.types`: the shape `defineRequestType`
 * makes. Its behaviour (the schema, `reads`, `build`) is the type's own; the registry
 * (requests/registry.ts) reads the entries as request types.
 */
export const RequestTypeEntrySchema = z.object({
  type: RequestTypeNameSchema,
  title: z.string().min(1, 'Give the request type a title, e.g. "Create a Kafka topic".').describe('What the form and My requests call it.'),
  description: z.string().min(1, 'Describe what the request changes, in a sentence.').describe('What its pull request changes, in a sentence.'),
  summary: z.string().min(1).optional().describe('One line for the people who ask, on the home page; the description when absent.'),
  schema: z.custom<{ safeParse: (value: unknown) => unknown }>(isZodSchema, 'Give the request type a zod schema of its request (`schema: z.object({ ... })`).'),
  example: z.unknown(),
  reads: z.custom<(...args: never[]) => unknown>(isFunction, 'Give the request type a `reads(request)` function naming the files it reads.'),
  build: z.custom<(...args: never[]) => unknown>(isFunction, 'Give the request type a `build(request, files, context)` function.'),
});

export type RequestTypeEntry = z.output<typeof RequestTypeEntrySchema>;

/**
 * An entry parsed without losing what the checks above do not name (a type's own helpers): typed
 * as the entry itself, since an interface such as RequestType has no index signature to match a
 * loose object's.
 */
const KeptEntrySchema = RequestTypeEntrySchema.loose() as unknown as z.ZodType<RequestTypeEntry>;

/** The request types of a site, each name once. */
export const RequestTypesSchema = z
  .array(KeptEntrySchema)
  .min(1, 'List at least one request type, or leave requests.types out to keep the built-in ones.')
  .superRefine((types, ctx) => {
    types.forEach(({ type }, i) => {
      if (types.findIndex((t) => t.type === type) !== i) ctx.addIssue({ code: 'custom', path: [i, 'type'], input: type, message: `The request type "${type}" is listed twice; list each type once.` });
    });
  })
  .describe('The request types the site offers: the built-in ones it keeps, and its own from defineRequestType.');

import { z } from 'zod';
import { RequestTypeNameSchema } from './request-type-entry.ts';

/**
 * A React component of the site's own, by the path of its file from the site's root, as
 * Starlight's `components` option names its overrides: the page imports it, the request type does
 * not (the functions load the type, and must not load React).
 */
export const ComponentPathSchema = z
  .string()
  .regex(/^\.\.?\/.+\.(tsx|jsx|ts|js)$/, 'Give the path of a React component file from the site’s root, e.g. ./src/forms/TopicNameField.tsx.')
  .describe('Path of a React component file from the site’s root, e.g. ./src/forms/TopicNameField.tsx; its default export is the component.');

/** The components of one request type's form: the whole form, or the controls of some of its fields. */
export const RequestFormSchema = z
  .object({
    component: ComponentPathSchema.optional().describe(
      'A component of the site’s own in place of the whole form; it gets the type, its fields and the field components, and may wrap SchemaForm from platform-portal/forms.',
    ),
    fields: z
      .record(z.string().min(1), ComponentPathSchema)
      .default({})
      .describe('A component of the site’s own in place of the control of a top-level field of the type’s schema, by the field’s name, e.g. { name: "./src/forms/TopicNameField.tsx" }.'),
  })
  .strict();

/**
 * `requests.forms` of portal.config.ts, by request type name. Its shape is checked with the rest of
 * the configuration; that each type is offered, each field is in its schema and each file is there
 * is checked when the site builds (config/request-forms.ts), where the site's root is known.
 */
export const RequestFormsSchema = z
  .record(RequestTypeNameSchema, RequestFormSchema)
  .default({})
  .describe('Components of the site’s own for the forms made from a request type’s schema: the whole form, or single fields.');

export type RequestForm = z.output<typeof RequestFormSchema>;
export type RequestFormInput = z.input<typeof RequestFormSchema>;
export type RequestForms = z.output<typeof RequestFormsSchema>;

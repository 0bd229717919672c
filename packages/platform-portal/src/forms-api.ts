/**
 * `platform-portal/forms`: what a site's own form components import, for a request type whose
 * form is made from its schema. portal.config.ts names them by path, as Starlight's `components`
 * option names overrides (the request type never imports React: the functions load it):
 *
 *   requests: { forms: { 'kafka-topic': { fields: { name: './src/forms/TopicNameField.tsx' } } } }
 *
 * A field component gets FieldComponentProps and draws its control inside FieldFrame; a form
 * component gets FormComponentProps and may wrap SchemaForm, or compose useSchemaForm,
 * SchemaFormShell and SchemaFormField. Drafts, checks, the preview and the idempotent submission
 * stay the form's.
 */
export { SchemaForm, SchemaFormField, SchemaFormShell, useSchemaForm, type SchemaFormState } from './islands/SchemaForm.tsx';
export { FieldFrame } from './islands/Field.tsx';
export type { ControlProps, FieldComponentProps, FieldComponents, FormComponentProps } from './islands/form-components.ts';
export type {
  BooleanField,
  ChoiceField,
  FieldOption,
  FormField,
  FormValue,
  FormValues,
  GroupField,
  ListField,
  MultiChoiceField,
  NumberField,
  TextField,
} from './lib/form-fields.ts';

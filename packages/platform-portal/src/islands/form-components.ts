/**
 * What a site's own form components get (`requests.forms` in portal.config.ts): a field component
 * in place of the control of one top-level field of a form made from a schema, and a form
 * component in place of the whole form. Public through `platform-portal/forms`.
 */
import type { ComponentType, FocusEvent } from 'react';
import type { FormField, FormValue } from '../lib/form-fields.ts';

/**
 * Props for the element that holds the value: spread them on it. The id is what the label's `for`
 * and the error summary's link name; `aria-describedby` names the help and the error; `onBlur`
 * shows the field's error and announces it once the person leaves the field.
 */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  onBlur(event: FocusEvent): void;
}

/** The props of a field component of the site's own. */
export interface FieldComponentProps<F extends FormField = FormField> {
  /**
   * The field's model, made from the schema at build time: `key` (its name), `path`, `kind`
   * (text, number, choice, boolean, list, multi), bounds, options and the sentences of its problems.
   */
  field: F;
  /**
   * The value as the form holds it: text for text and numbers (as typed), true or false for a
   * checkbox, a list of text for lists and multiple choices. The form makes the request from it.
   */
  value: FormValue;
  /** Sets the value: the form checks it, keeps it in the draft and previews the request made from it. */
  onChange(value: FormValue): void;
  /** The schema's `.meta({ title })`, else the field's name in words. */
  label: string;
  /** The schema's `.describe()` text. */
  help: string | undefined;
  /** The field's problem once it is shown (after leaving the field, or on preview), in the schema's or the server's words. */
  error: string | undefined;
  required: boolean;
  control: ControlProps;
  /** The ids to give the help and the error text, which `control['aria-describedby']` names. */
  helpId: string;
  errorId: string;
}

/** The site's field components of one form, by the name of the top-level field each replaces. */
export type FieldComponents = Readonly<Record<string, ComponentType<FieldComponentProps>>>;

/** The props of a form component of the site's own, in place of the whole form: what SchemaForm takes. */
export interface FormComponentProps {
  /** The request type's name: `/api/requests/{type}`, the draft's key and the prefix of field ids. */
  type: string;
  /** The form's fields, made from the type's schema at build time. */
  fields: FormField[];
  /** The site's field components of this type (`requests.forms.<type>.fields`), for SchemaForm to use. */
  components?: FieldComponents | undefined;
}

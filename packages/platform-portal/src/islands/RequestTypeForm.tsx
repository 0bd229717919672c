/**
 * The island of the form page of a request type made from its schema (routes/request/[type].astro):
 * the site's own component for the whole form where `requests.forms` gives one, else SchemaForm,
 * with the site's field components of the type. An island is a static import of the page, so the
 * site's components come in through one virtual module (integration/virtual-modules.ts) and every
 * such form page loads all of them: they are meant to be small.
 */
import { formComponents } from 'virtual:platform-portal/form-components';
import { ownValue } from '../lib/records.ts';
import { SchemaForm } from './SchemaForm.tsx';
import type { FormComponentProps } from './form-components.ts';

export default function RequestTypeForm({ type, fields }: Pick<FormComponentProps, 'type' | 'fields'>) {
  const own = ownValue(formComponents, type);
  const Form = own?.component ?? SchemaForm;
  return <Form type={type} fields={fields} components={own?.fields} />;
}

/**
 * The form of any request type, made from its schema: the page turns the type's JSON Schema into
 * fields at build time (lib/form-model.ts), the browser checks them with the sentences written for
 * each (lib/form-check.ts), and the server makes the preview with the type's own builder. Drafts,
 * the idempotent submission, problems on fields and the result are those of every request form.
 *
 * Its parts are public (`platform-portal/forms`) for a form component of a site's own: the state
 * (useSchemaForm), the frame with the error summary, actions, preview and result (SchemaFormShell),
 * and the control of one field, the site's own or the default (SchemaFormField).
 */
import { useState, type ReactNode } from 'react';
import { fieldPaths, initialValues, requestOf, valuesFromQuery, type FormField, type FormValue, type FormValues } from '../lib/form-fields.ts';
import { checkFields } from '../lib/form-check.ts';
import { ownValue } from '../lib/records.ts';
import { RequestShell } from './RequestShell.tsx';
import { SchemaField, SiteField } from './SchemaFields.tsx';
import { fetchPreview } from './server-preview.ts';
import { useRequestForm, type RequestForm } from './use-request-form.ts';
import type { FieldComponents, FormComponentProps } from './form-components.ts';
import '../styles/forms.css';

/** The state of a form made from a schema: what it holds, and the form's life (drafts, checks, preview, submission) in `host`. */
export interface SchemaFormState {
  /** What a person has typed, by field path (lib/form-fields.ts: text, booleans, lists of text). */
  values: FormValues;
  /** Sets one field's value: the form checks it, keeps the draft, and previews the request made from it. */
  set(path: string, value: FormValue): void;
  host: RequestForm<FormValues>;
}

/** The state of the form of a request type, from its fields: the request it sends is made from the values of these fields. */
export function useSchemaForm({ type, fields }: Pick<FormComponentProps, 'type' | 'fields'>): SchemaFormState {
  const [initial] = useState(() => initialValues(fields));
  const host = useRequestForm<FormValues>({
    form: type,
    initial,
    toRequest: (values) => requestOf(fields, values),
    check: (request) => {
      const problems = checkFields(fields, request as Record<string, unknown>);
      return problems.length === 0 ? { success: true, data: request } : { success: false, problems };
    },
    fields: (values) => fieldPaths(fields, values),
    fetchPreview: (body) => fetchPreview(type, body),
    // A link's selection wins over a draft's for the fields it names; the rest of the draft stays.
    restore: (draft, initial) => ({ ...(draft ?? initial), ...valuesFromQuery(fields, new URLSearchParams(window.location.search)) }),
  });
  const set = (path: string, value: FormValue) => host.setValues((old) => ({ ...old, [path]: value }));
  return { values: host.values, set, host };
}

/** Around the fields: the error summary, the preview and its actions, the live region, and the result once the pull request is open. */
export function SchemaFormShell({ form, children }: { form: SchemaFormState; children: ReactNode }) {
  return (
    <RequestShell
      host={form.host}
      previewNote={
        <p>
          The portal built this preview against the repository as it is now, without writing anything. The pull request's number, and the id
          shown as a placeholder, are known only once it is opened.
        </p>
      }
    >
      {children}
    </RequestShell>
  );
}

/** The control of one field: the site's component for it when it has one (a top-level field, by its path), else the form's own. */
export function SchemaFormField({ form, field, components }: { form: SchemaFormState; field: FormField; components?: FieldComponents | undefined }) {
  const own = field.kind === 'group' ? undefined : ownValue(components, field.path);
  const props = { field, host: form.host, values: form.values, set: form.set };
  return own ? <SiteField {...props} component={own} /> : <SchemaField {...props} />;
}

export function SchemaForm({ type, fields, components }: FormComponentProps) {
  const form = useSchemaForm({ type, fields });
  return (
    <SchemaFormShell form={form}>
      {fields.map((field) => (
        <SchemaFormField key={field.path} form={form} field={field} components={components} />
      ))}
    </SchemaFormShell>
  );
}

export default SchemaForm;

/**
 * The form of any request type, made from its schema: the page turns the type's JSON Schema into
 * fields at build time (lib/form-model.ts), the browser checks them with the sentences written for
 * each (lib/form-check.ts), and the server makes the preview with the type's own builder. Drafts,
 * the idempotent submission, problems on fields and the result are those of every request form.
 */
import { useState } from 'react';
import { fieldPaths, initialValues, requestOf, type FormField, type FormValue, type FormValues } from '../lib/form-fields.ts';
import { checkFields } from '../lib/form-check.ts';
import { RequestShell } from './RequestShell.tsx';
import { SchemaField } from './SchemaFields.tsx';
import { fetchPreview } from './server-preview.ts';
import { useRequestForm } from './use-request-form.ts';
import '../styles/forms.css';

interface Props {
  /** The request type's name: /api/requests/{type}. */
  type: string;
  fields: FormField[];
}

export default function SchemaForm({ type, fields }: Props) {
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
  });
  const set = (path: string, value: FormValue) => host.setValues((old) => ({ ...old, [path]: value }));
  return (
    <RequestShell
      host={host}
      previewNote={
        <p>
          The portal built this preview against the repository as it is now, without writing anything. The pull request's number, and the id
          shown as a placeholder, are known only once it is opened.
        </p>
      }
    >
      {fields.map((field) => (
        <SchemaField key={field.path} field={field} host={host} values={host.values} set={set} />
      ))}
    </RequestShell>
  );
}

/**
 * The controls of a form made from a schema, one per kind of field (lib/form-fields.ts), built on
 * the labelled Field and Group the other forms use: every control has a label, every group a
 * legend, and help and errors are tied to them.
 */
import { useEffect, useRef, type ComponentType } from 'react';
import { optionKey, typedAt, type BooleanField, type ChoiceField, type FormField, type FormValue, type FormValues, type ListField, type MultiChoiceField, type NumberField, type TextField } from '../lib/form-fields.ts';
import { errorId, fieldId, helpId } from './field-paths.ts';
import { Field, Group, groupBlur, type FieldHost } from './Field.tsx';
import type { FieldComponentProps } from './form-components.ts';

interface Props<F extends FormField = FormField> {
  field: F;
  host: FieldHost;
  values: FormValues;
  set(path: string, value: FormValue): void;
}

const textAt = (values: FormValues, path: string) => {
  const v = typedAt(values, path);
  return typeof v === 'string' ? v : '';
};
const listAt = (values: FormValues, path: string) => {
  const v = typedAt(values, path);
  return Array.isArray(v) ? v : [];
};

/** A number's label says what it counts, unless it says so already ("Partitions", not "Partitions (partitions)"). */
const labelOf = (field: FormField) =>
  field.kind === 'number' && field.unit && !field.label.toLowerCase().includes(field.unit.toLowerCase()) ? `${field.label} (${field.unit})` : field.label;

function ScalarInput({ field, bound, value, onChange }: { field: TextField | NumberField; bound: ReturnType<FieldHost['bind']>; value: string; onChange(value: string): void }) {
  if (field.kind === 'number') {
    return (
      <input {...bound} type="number" inputMode={field.integer ? 'numeric' : 'decimal'} min={field.minimum ?? field.exclusiveMinimum} max={field.maximum ?? field.exclusiveMaximum}
        step={field.step ?? (field.integer ? 1 : 'any')} value={value} onChange={(e) => onChange(e.target.value)} />
    );
  }
  if (field.input === 'textarea') return <textarea {...bound} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
  return (
    <input {...bound} type={field.input} autoComplete={field.input === 'email' ? 'email' : 'off'} spellCheck={field.input === 'text' ? undefined : false}
      value={value} onChange={(e) => onChange(e.target.value)} />
  );
}

function ScalarControl({ field, host, values, set }: Props<TextField | NumberField>) {
  return (
    <Field host={host} path={field.path} label={labelOf(field)} help={field.help} optional={!field.required}>
      {(b) => <ScalarInput field={field} bound={b} value={textAt(values, field.path)} onChange={(v) => set(field.path, v)} />}
    </Field>
  );
}

function ChoiceControl({ field, host, values, set }: Props<ChoiceField>) {
  const value = textAt(values, field.path);
  // Nothing chosen is a choice of its own only where the schema neither needs a value nor has a default.
  const none = !field.required && field.initial === undefined;
  if (field.widget === 'select') {
    return (
      <Field host={host} path={field.path} label={field.label} help={field.help} optional={!field.required}>
        {(b) => (
          <select {...b} value={value} onChange={(e) => set(field.path, e.target.value)}>
            <option value="">{none ? 'None' : `Choose…`}</option>
            {field.options.map((o) => (
              <option key={optionKey(o.value)} value={optionKey(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  const name = fieldId(host.form, field.path);
  const options = [...(none ? [{ key: '', label: 'None' }] : []), ...field.options.map((o) => ({ key: optionKey(o.value), label: o.label }))];
  return (
    <Group host={host} path={field.path} legend={field.label} help={field.help} className="group--inline" role="radiogroup">
      {options.map((o) => (
        <label key={o.key} className="choice">
          <input type="radio" name={name} value={o.key} checked={value === o.key} {...groupBlur(host, field.path, field.label)} onChange={() => set(field.path, o.key)} />
          {o.label}
        </label>
      ))}
    </Group>
  );
}

function MultiControl({ field, host, values, set }: Props<MultiChoiceField>) {
  const chosen = listAt(values, field.path);
  return (
    <Group host={host} path={field.path} legend={field.label} help={field.help} className="group--inline">
      {field.options.map((o) => {
        const key = optionKey(o.value);
        return (
          <label key={key} className="choice">
            <input type="checkbox" checked={chosen.includes(key)} {...groupBlur(host, field.path, field.label)}
              onChange={(e) => set(field.path, e.target.checked ? [...chosen, key] : chosen.filter((c) => c !== key))} />
            {o.label}
          </label>
        );
      })}
    </Group>
  );
}

/** A checkbox reads best with its label after it; help and error sit below, tied to it as in Field. */
function BooleanControl({ field, host, values, set }: Props<BooleanField>) {
  const bound = host.bind(field.path, field.label, { help: Boolean(field.help) });
  const error = host.error(field.path);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="choice">
        <input {...bound} type="checkbox" checked={typedAt(values, field.path) === true} onChange={(e) => set(field.path, e.target.checked)} />
        {field.label}
      </label>
      {field.help && <p id={helpId(host.form, field.path)} className="field__help">{field.help}</p>}
      {error && (
        <p id={errorId(host.form, field.path)} className="field__error">
          <span className="field__icon" aria-hidden="true">!</span>
          {error}
        </p>
      )}
    </div>
  );
}

function ListControl({ field, host, values, set }: Props<ListField>) {
  const list = listAt(values, field.path);
  const max = field.maxItems ?? Infinity;
  // A new row takes the focus; a removed one gives it to the add button.
  const addRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<number | 'add' | undefined>(undefined);
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = undefined;
    if (target === 'add') addRef.current?.focus();
    else if (target !== undefined) document.getElementById(fieldId(host.form, `${field.path}[${target}]`))?.focus();
  }, [list.length, host.form, field.path]);
  const item = field.item;
  return (
    <Group host={host} path={field.path} legend={field.label} help={field.help}>
      <ol className="owner-list">
        {list.map((value, i) => (
          <li key={i}>
            <Field host={host} path={`${field.path}[${i}]`} label={`${labelOf(item)} ${i + 1}`}>
              {(b) => <ScalarInput field={item} bound={b} value={value} onChange={(v) => set(field.path, list.map((old, j) => (j === i ? v : old)))} />}
            </Field>
            <button type="button" className="button button--small" onClick={() => { focusNext.current = 'add'; set(field.path, list.filter((_, j) => j !== i)); }}>
              Remove<span className="sr-only"> {item.label} {i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <button ref={addRef} type="button" className="button button--small" aria-disabled={list.length >= max || undefined}
        onClick={() => { if (list.length < max) { focusNext.current = list.length; set(field.path, [...list, '']); } }}>
        Add an entry<span className="sr-only"> to {field.label}</span>
      </button>
    </Group>
  );
}

/**
 * A field with a component of the site's own (`requests.forms.<type>.fields`): it gets the value,
 * the setter and what ties its control to the label, the help and the error, so the form's checks,
 * draft, error summary and announcements hold for it as for any field.
 */
export function SiteField({ field, host, values, set, component: Component }: Props & { component: ComponentType<FieldComponentProps> }) {
  const label = labelOf(field);
  const control = host.bind(field.path, label, { help: Boolean(field.help) });
  return (
    <Component field={field} value={typedAt(values, field.path) ?? ''} onChange={(value) => set(field.path, value)} label={label} help={field.help} error={host.error(field.path)}
      required={field.required} control={control} helpId={helpId(host.form, field.path)} errorId={errorId(host.form, field.path)} />
  );
}

/** The control of any field; a group holds the controls of its own fields. */
export function SchemaField(props: Props) {
  const { field, host } = props;
  switch (field.kind) {
    case 'text':
    case 'number':
      return <ScalarControl {...props} field={field} />;
    case 'choice':
      return <ChoiceControl {...props} field={field} />;
    case 'multi':
      return <MultiControl {...props} field={field} />;
    case 'boolean':
      return <BooleanControl {...props} field={field} />;
    case 'list':
      return <ListControl {...props} field={field} />;
    case 'group':
      return (
        <Group host={host} path={field.path} legend={field.label} help={field.help}>
          {field.fields.map((child) => (
            <SchemaField key={child.path} {...props} field={child} />
          ))}
        </Group>
      );
  }
}

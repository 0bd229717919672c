/**
 * Labelled controls with their help and error text: every control has a label, every group a
 * fieldset and legend, and the error is tied to the control with aria-describedby.
 */
import type { ReactNode } from 'react';
import { errorId, helpId } from './field-paths.ts';
import type { RequestForm } from './use-request-form.ts';
import type { ControlProps, FieldComponentProps } from './form-components.ts';

export type FieldHost = Pick<RequestForm<unknown>, 'form' | 'bind' | 'error'>;
export type Bound = ReturnType<FieldHost['bind']>;

interface FieldProps {
  host: FieldHost;
  path: string;
  label: string;
  help?: ReactNode;
  optional?: boolean;
  children: (bound: Bound) => ReactNode;
}

function Message({ id, children, kind }: { id: string; children: ReactNode; kind: 'help' | 'error' }) {
  return (
    <p id={id} className={`field__${kind}`}>
      {kind === 'error' && <span className="field__icon" aria-hidden="true">!</span>}
      {children}
    </p>
  );
}

/** One control: label, help, error, then the control, which receives the binding props. */
export function Field({ host, path, label, help, optional, children }: FieldProps) {
  const bound = host.bind(path, label, { help: Boolean(help) });
  return (
    <FieldFrame label={label} help={help} error={host.error(path)} required={!optional} control={bound} helpId={helpId(host.form, path)} errorId={errorId(host.form, path)}>
      {children(bound)}
    </FieldFrame>
  );
}

type FrameProps = Pick<FieldComponentProps, 'label' | 'error' | 'required' | 'helpId' | 'errorId'> & {
  help?: ReactNode;
  control: Pick<ControlProps, 'id'>;
  children: ReactNode;
};

/**
 * The frame of one control, as every form of the portal has it: the label tied to the control, the
 * help, the error, then the control. A field component of a site's own puts its control inside:
 * `<FieldFrame {...props}><input {...props.control} … /></FieldFrame>`.
 */
export function FieldFrame({ label, help, error, required, control, helpId, errorId, children }: FrameProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={control.id}>
        {label}
        {!required && <span className="field__optional"> (optional)</span>}
      </label>
      {help && <Message id={helpId} kind="help">{help}</Message>}
      {error && <Message id={errorId} kind="error">{error}</Message>}
      {children}
    </div>
  );
}

interface GroupProps {
  host: FieldHost;
  path: string;
  legend: string;
  help?: ReactNode;
  className?: string;
  /**
   * `radiogroup` for one choice among radios: the group is then what is invalid, as a text box is,
   * since a radio cannot be (ARIA's radio has no aria-invalid, its radiogroup has).
   */
  role?: 'radiogroup';
  children: ReactNode;
}

/**
 * A group of controls (checkboxes, radios, per-service quotas) with its legend and one error. The
 * help and the error describe the group, which a screen reader says on entering it; the error is
 * announced as the person leaves the group, as for any field (use-request-form.ts).
 */
export function Group({ host, path, legend, help, className, role, children }: GroupProps) {
  const bound = host.bind(path, legend, { help: Boolean(help) });
  const error = host.error(path);
  return (
    <fieldset id={bound.id} role={role} aria-invalid={role && bound['aria-invalid']} aria-describedby={bound['aria-describedby']}
      className={`group${error ? ' group--invalid' : ''} ${className ?? ''}`}>
      <legend>{legend}</legend>
      {help && <Message id={helpId(host.form, path)} kind="help">{help}</Message>}
      {error && <Message id={errorId(host.form, path)} kind="error">{error}</Message>}
      {children}
    </fieldset>
  );
}

/** Props of a control inside a group: it reports leaving the group, not its own id. */
export function groupBlur(host: FieldHost, path: string, legend: string): Pick<Bound, 'onBlur'> {
  return { onBlur: host.bind(path, legend).onBlur };
}

// Accessible form pieces: every field has a label, required fields are marked in words and by
// `required`, errors are linked with aria-describedby, and the error summary takes focus.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

export interface FieldError {
  field: string;
  message: string;
}

function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

export function RequiredMark() {
  const { t } = useTranslation();
  return <span className="required"> {t("form.requiredMark")}</span>;
}

interface Common {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id}>
      {label}
      {required && <RequiredMark />}
    </label>
  );
}

function Extra({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField({
  id,
  label,
  error,
  hint,
  required,
  ...rest
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...rest}
      />
    </div>
  );
}

export function TextArea({
  id,
  label,
  error,
  hint,
  required,
  ...rest
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        required={required}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...rest}
      />
    </div>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  required,
  children,
  ...rest
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id">) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...rest}
      >
        {children}
      </select>
    </div>
  );
}

/** A group of checkboxes in a fieldset; the first box carries the id the error summary links to. */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  required,
  columns,
}: {
  id: string;
  legend: string;
  options: { value: V; label: string }[];
  value: V[];
  onChange(next: V[]): void;
  error?: string;
  hint?: string;
  required?: boolean;
  columns?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={`field checkbox-group${error ? " has-error" : ""}`}
      aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
    >
      <legend>
        {legend}
        {required && <RequiredMark />}
      </legend>
      <Extra id={id} hint={hint} error={error} />
      {options.length === 0 && <p className="hint">{t("form.noOptions")}</p>}
      <div className={columns ? "checkbox-columns" : "checkbox-list"}>
        {options.map((o, i) => (
          <div className="checkbox" key={o.value}>
            <input
              type="checkbox"
              id={i === 0 ? id : `${id}-${o.value}`}
              name={id}
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
              }
            />
            <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  hint?: string;
}) {
  return (
    <div className="field checkbox">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Error summary at the top of a form: a heading, the API's message, and one link per field error.
 * It takes focus each time a new set of errors is shown.
 */
export function ErrorSummary({
  message,
  errors,
  fieldIds,
  labels,
  focusKey,
}: {
  message: string | null;
  errors: FieldError[];
  /** field name → input id */
  fieldIds: (field: string) => string | null;
  labels: (field: string) => string;
  focusKey: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (!message && errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
      {message && <p>{message}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map((e) => {
            const target = fieldIds(e.field);
            const text = `${labels(e.field)} : ${e.message}`;
            return (
              <li key={`${e.field}-${e.message}`}>
                {target ? (
                  <a
                    href={`#${target}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      document.getElementById(target)?.focus();
                    }}
                  >
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** API field name → the input's id (the summary's link target) and its label. */
export type FieldMap = Record<string, { id: string; label: string }>;

/**
 * The error summary of a form built with `useFormErrors`: a field in `fields` gets a link to its
 * input and its label; any other field is shown by its API name, without a link.
 */
export function FormErrors({
  form,
  fields = {},
}: {
  form: { message: string | null; errors: FieldError[]; focusKey: number };
  fields?: FieldMap;
}) {
  return (
    <ErrorSummary
      message={form.message}
      errors={form.errors}
      fieldIds={(f) => (Object.hasOwn(fields, f) ? fields[f].id : null)}
      labels={(f) => (Object.hasOwn(fields, f) ? fields[f].label : f)}
      focusKey={form.focusKey}
    />
  );
}

/** `<option>`s for an id/name list, after an optional first option with the empty value. */
export function Options({
  items,
  empty,
}: {
  items: readonly { id: string; name: string }[] | null | undefined;
  empty?: string;
}) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {items?.map((x) => (
        <option key={x.id} value={x.id}>
          {x.name}
        </option>
      ))}
    </>
  );
}

/**
 * A busy flag and a runner for submit handlers: `run(fn)` sets busy, awaits `fn`, shows any error
 * with `form.fromError`, then clears busy.
 */
export function useSubmit(form: { fromError(err: unknown): void }) {
  const [busy, setBusy] = useState(false);
  const { fromError } = form;
  const run = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      try {
        await fn();
      } catch (err) {
        fromError(err);
      } finally {
        setBusy(false);
      }
    },
    [fromError],
  );
  return { busy, run };
}

/** Error state of a form: field errors, the summary message and the focus trigger. */
export function useFormErrors() {
  const { t } = useTranslation();
  const [errors, setErrorList] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const show = useCallback((list: FieldError[], msg: string | null) => {
    setErrorList(list);
    setMessage(msg);
    setFocusKey((k) => k + 1);
  }, []);

  const clear = useCallback(() => {
    setErrorList([]);
    setMessage(null);
  }, []);

  const fromError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const list = err.details
          .filter((d) => d.field)
          .map((d) => ({
            field: d.field!.replace(/^\/?body\/?/, "").replace(/^\//, ""),
            message: d.message,
          }));
        const others = err.details.filter((d) => !d.field).map((d) => d.message);
        show(list, [apiMessage(err, t), ...others].join(" "));
      } else {
        show([], t("errors.unexpected"));
      }
    },
    [show, t],
  );

  const errorFor = useCallback(
    (field: string) =>
      errors
        .filter((e) => e.field === field)
        .map((e) => e.message)
        .join(" ; ") || undefined,
    [errors],
  );

  return { errors, message, focusKey, show, clear, fromError, errorFor };
}

export function apiMessage(err: unknown, t: (k: string) => string): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t("errors.network");
    if (err.message) return err.message;
    if (err.status === 403) return t("errors.forbidden");
    if (err.status === 404) return t("errors.notFound");
    return t("errors.unexpected");
  }
  return t("errors.unexpected");
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** The usual actions of an edit panel: « Enregistrer » (disabled while busy) and « Annuler ». */
export function SaveCancelActions({ busy, onCancel }: { busy: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <FormActions>
      <button type="submit" disabled={busy}>
        {t("common.save")}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </FormActions>
  );
}

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** A field error the server reported (`details` of a 422), by the field's `name`. */
export interface ServerFieldError {
  field: string | null;
  /** Some services name only the field and a reason code: the form then says the entry is not valid. */
  message?: string;
}

/** Move the reader to the first field marked invalid: scrolled to the middle of the screen and focused. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: 'center' });
  first.focus({ preventScroll: true });
}

/**
 * One way every form reports what is wrong: the browser's own constraints (required, pattern, min…)
 * are judged on submit with our wording, the server's per-field errors are merged in, each shows
 * next to its field (aria-invalid + aria-describedby), and the reader is taken to the first one —
 * on a long form on a phone the error is otherwise below the fold and the tap seems to do nothing.
 */
export function useFormErrors(serverErrors: readonly ServerFieldError[] = []) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);

  const server: Record<string, string> = {};
  for (const e of serverErrors) {
    if (!e.field) continue;
    const message = e.message || t('forms.invalid');
    server[e.field] = server[e.field] ? `${server[e.field]} ${message}` : message;
  }
  const serverKey = JSON.stringify(server);
  const errors: Record<string, string> = { ...server, ...local };

  // After a refused submit (ours or the server's) the new marks are rendered, then focused.
  useEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);
  useEffect(() => {
    if (serverKey !== '{}') focusFirstInvalid(formRef.current);
  }, [serverKey]);

  const judge = useCallback((): Record<string, string> => {
    const found: Record<string, string> = {};
    const controls = formRef.current?.elements ?? [];
    for (const el of Array.from(controls) as HTMLInputElement[]) {
      if (!el.name || !el.validity || el.validity.valid || found[el.name]) continue;
      found[el.name] = el.validity.valueMissing ? t('forms.required') : t('forms.invalid');
    }
    return found;
  }, [t]);

  /** The form's onSubmit: sends only when the browser's constraints hold, else marks and focuses. */
  const onSubmit = (send: () => void) => (e: FormEvent) => {
    e.preventDefault();
    const found = judge();
    setLocal(found);
    if (Object.keys(found).length > 0) setAttempt((n) => n + 1);
    else send();
  };

  /** Props for a control: invalid and described by its message when there is one. */
  const field = (name: string) => ({
    name,
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
  });

  /** A message that clears once the user corrects the field (re-judged on change). */
  const clear = (name: string) => {
    if (local[name]) setLocal(({ [name]: _gone, ...rest }) => rest);
  };

  return { formRef, errors, onSubmit, field, clear, count: Object.keys(errors).length };
}

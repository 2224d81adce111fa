import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A reason and its button, folded behind `opener`: placing a hold and releasing one both ask for a
 * reference (a case or letter number), never a person's name. The server checks its length and
 * records who and when.
 */
export function ReasonForm({
  opener,
  label,
  submit,
  action,
  pending,
  error,
}: {
  opener: string;
  label: string;
  submit: string;
  /** The write (a mutation's `mutateAsync`); the field is emptied once it succeeds. */
  action: (alasan: string) => Promise<unknown>;
  pending: boolean;
  error: Error | null;
}) {
  const { t } = useTranslation();
  const [alasan, setAlasan] = useState('');
  // One form per hold on a list: each hint needs its own id.
  const hint = useId();
  const send = (e: FormEvent) => {
    e.preventDefault();
    action(alasan.trim()).then(
      () => setAlasan(''),
      () => undefined, // shown below from `error`
    );
  };
  return (
    <details>
      <summary role="button" className="secondary outline">
        {opener}
      </summary>
      <form onSubmit={send}>
        <label>
          {label}
          <input
            value={alasan}
            onChange={(e) => setAlasan(e.target.value)}
            minLength={5}
            maxLength={1000}
            required
            aria-describedby={hint}
            aria-invalid={error ? true : undefined}
          />
          <small id={hint}>{t('privasi.reasonHint')}</small>
        </label>
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
        <button type="submit" className="secondary" aria-busy={pending} disabled={pending}>
          {submit}
        </button>
      </form>
    </details>
  );
}

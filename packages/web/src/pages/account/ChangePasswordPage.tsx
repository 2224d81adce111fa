import { PASSWORD_MIN_LENGTH } from '@tuntas/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/auth-queries.js';
import { ApiError } from '../../api/client.js';
import { ForcedAccountStep } from './ForcedAccountStep.js';
import { PinPanel } from './PinPanel.js';
import { SessionsPanel } from './SessionsPanel.js';
import { TwoFactorPanel } from './TwoFactorPanel.js';

const REASONS = ['TOO_SHORT', 'TOO_LONG', 'TOO_SIMPLE', 'CONTAINS_USERNAME', 'TOO_COMMON', 'SAME_AS_CURRENT'] as const;
type Reason = (typeof REASONS)[number];

/** The server's refusal in the words of this screen: which rule the new password broke, or how long to wait. */
function useErrorText(error: unknown): string | null {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const details = (error.details ?? {}) as { reason?: string; retryAfterSeconds?: number };
  if (error.code === 'WEAK_PASSWORD' && REASONS.includes(details.reason as Reason)) {
    return t(`akun.reasons.${details.reason as Reason}`, { min: PASSWORD_MIN_LENGTH });
  }
  if (error.code === 'LOGIN_THROTTLED' && details.retryAfterSeconds) return t('akun.throttled', { seconds: details.retryAfterSeconds });
  return error.message;
}

/**
 * Changing one's own password: current, new, and the new once more. `forced`: an admin set the
 * password, so this is all the app shows (with a way to sign out) until it is replaced.
 */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const errorId = useId();
  const hintId = useId();
  const errorText = useErrorText(change.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { current, new: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          setDone(true);
        },
      },
    );
  };
  const problem = mismatch ? t('akun.mismatch') : errorText;

  return (
    <form onSubmit={submit} noValidate aria-label={t('akun.title')}>
      <p>{forced ? t('akun.forcedIntro') : t('akun.intro')}</p>
      <label>
        {t('akun.current')}
        <input
          name="current"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        {t('akun.new')}
        <input
          name="new"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
        />
      </label>
      <small id={hintId} className="hint">
        {t('akun.rules', { min: PASSWORD_MIN_LENGTH })}
      </small>
      <label>
        {t('akun.confirm')}
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={mismatch ? true : undefined}
        />
      </label>
      {problem && (
        <p id={errorId} role="alert" className="error">
          {problem}
        </p>
      )}
      {done && !forced && (
        <p role="status" className="notice">
          {t('akun.done')}
        </p>
      )}
      <button type="submit" aria-busy={change.isPending} disabled={change.isPending || !current || !next || !confirm}>
        {change.isPending ? t('akun.submitting') : t('akun.submit')}
      </button>
    </form>
  );
}

/** Shown instead of the whole app while an admin-set password waits to be replaced. */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  return (
    <ForcedAccountStep title={t('akun.title')}>
      <ChangePasswordForm forced />
    </ForcedAccountStep>
  );
}

/** From the menu: any user changes their password and manages two-step verification here. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('akun.title')}</h1>
      <article>
        <ChangePasswordForm />
      </article>
      <TwoFactorPanel />
      <PinPanel />
      <SessionsPanel />
    </section>
  );
}

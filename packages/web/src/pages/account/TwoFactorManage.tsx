import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNewRecoveryCodes, useTwoFactorDisable, type TwoFactorState } from '../../api/auth-queries.js';
import { ApiError } from '../../api/client.js';
import { RecoveryCodes } from './RecoveryCodes.js';

/**
 * Two-step verification that is on: new recovery codes, or turning it off (not for a role that
 * requires it). Both ask for a current code first, so an unlocked phone alone is not enough.
 */
export function TwoFactorManage({ state }: { state: TwoFactorState }) {
  const { t } = useTranslation();
  const renew = useNewRecoveryCodes();
  const disable = useTwoFactorDisable();
  const [code, setCode] = useState('');
  const hintId = useId();
  const error = renew.error ?? disable.error;
  const errorText = error instanceof ApiError && error.code === 'OTP_INVALID' ? t('akun.twoFactor.wrongCode') : error?.message;
  const busy = renew.isPending || disable.isPending;

  if (renew.data) return <RecoveryCodes codes={renew.data.recoveryCodes} onDone={() => renew.reset()} />;
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label={t('akun.twoFactor.title')}>
      <p role="status">{t('akun.twoFactor.on', { count: state.recoveryCodesLeft })}</p>
      <label>
        {t('akun.twoFactor.manageCode')}
        <input
          name="otp"
          autoComplete="one-time-code"
          maxLength={40}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby={hintId}
        />
      </label>
      <small id={hintId}>{state.required ? t('akun.twoFactor.requiredNoOff') : t('akun.twoFactor.manageHint')}</small>
      {errorText && (
        <p role="alert" className="error">
          {errorText}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || !code.trim()}
          aria-busy={renew.isPending}
          onClick={() => renew.mutate(code.trim(), { onSuccess: () => setCode('') })}
        >
          {t('akun.twoFactor.newCodes')}
        </button>
        {!state.required && (
          <button
            type="button"
            className="secondary outline"
            disabled={busy || !code.trim()}
            aria-busy={disable.isPending}
            onClick={() => disable.mutate(code.trim(), { onSuccess: () => setCode('') })}
          >
            {t('akun.twoFactor.disable')}
          </button>
        )}
      </div>
    </form>
  );
}

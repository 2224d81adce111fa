import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTwoFactorEnable, useTwoFactorEnabled, useTwoFactorSetup, useTwoFactorState } from '../../api/auth-queries.js';
import { ApiError } from '../../api/client.js';
import { ForcedAccountStep } from './ForcedAccountStep.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import { TwoFactorManage } from './TwoFactorManage.js';

/** The otpauth:// address as a QR image; the QR library is loaded only when someone sets up. */
function QrCode({ text }: { text: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(({ toDataURL }) => toDataURL(text, { margin: 1, width: 220 })).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img src={src} width={220} height={220} alt={t('akun.twoFactor.qrAlt')} /> : <p aria-busy="true" />;
}

/**
 * "Verifikasi dua langkah": start (a QR code for the authenticator app and its key as text), prove
 * it with a first code, then the ten recovery codes, shown this once.
 */
export function TwoFactorPanel({ onEnabled }: { onEnabled?: () => void }) {
  const { t } = useTranslation();
  const state = useTwoFactorState();
  const setup = useTwoFactorSetup();
  const enable = useTwoFactorEnable();
  const markEnabled = useTwoFactorEnabled();
  const [code, setCode] = useState('');
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate(code.trim(), { onSuccess: () => setCode('') });
  };
  const error = enable.error ?? setup.error;
  const reason = error instanceof ApiError ? ((error.details ?? {}) as { reason?: string }).reason : undefined;
  const errorText =
    error instanceof ApiError
      ? error.code === 'OTP_INVALID'
        ? t(reason === 'EXPIRED' ? 'akun.twoFactor.expiredCode' : 'akun.twoFactor.wrongCode')
        : error.message
      : null;

  const recoveryCodes = enable.data?.recoveryCodes;
  return (
    <article aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('akun.twoFactor.title')}</h2>
      <p>{t('akun.twoFactor.intro')}</p>
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          onDone={() => {
            enable.reset();
            setup.reset();
            markEnabled();
            onEnabled?.();
          }}
        />
      ) : state.data?.enabled ? (
        <TwoFactorManage state={state.data} />
      ) : setup.data ? (
        <form onSubmit={submit} noValidate aria-label={t('akun.twoFactor.title')}>
          <p>{t('akun.twoFactor.scan')}</p>
          <QrCode text={setup.data.otpauthUrl} />
          <p>
            <small>{t('akun.twoFactor.manual')}</small> <code>{setup.data.secret}</code>
          </p>
          <label>
            {t('akun.twoFactor.code')}
            <input
              name="otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              aria-invalid={errorText ? true : undefined}
              aria-describedby={errorText ? errorId : undefined}
            />
          </label>
          {errorText && (
            <p id={errorId} role="alert" className="error">
              {errorText}
            </p>
          )}
          <button type="submit" aria-busy={enable.isPending} disabled={enable.isPending || code.length !== 6}>
            {enable.isPending ? t('akun.twoFactor.enabling') : t('akun.twoFactor.enable')}
          </button>
        </form>
      ) : (
        <>
          <p>{state.data?.required ? t('akun.twoFactor.required') : t('akun.twoFactor.off')}</p>
          {errorText && (
            <p role="alert" className="error">
              {errorText}
            </p>
          )}
          <button type="button" aria-busy={setup.isPending} disabled={setup.isPending || state.isPending} onClick={() => setup.mutate()}>
            {setup.isPending ? t('akun.twoFactor.starting') : t('akun.twoFactor.start')}
          </button>
        </>
      )}
    </article>
  );
}

/** Shown instead of the whole app while the role requires two-step verification that is not on yet. */
export function ForcedTwoFactor() {
  const { t } = useTranslation();
  return (
    <ForcedAccountStep title={t('akun.twoFactor.title')}>
      <TwoFactorPanel />
    </ForcedAccountStep>
  );
}

import { DEVICE_PIN_LENGTH } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnlockWithPin } from '../api/device-pin.js';
import { PinInput } from '../components/PinInput.js';
import type { DeviceLock } from '../offline/device-lock.js';

/**
 * Shown instead of the app when the session ended without a signal and the device keeps work:
 * the PIN opens it for reading and queuing, or, when the PIN may not (erased, too old), what waits
 * for a sign-in with the password.
 */
export function LockScreen({ user, lock }: { user: string; lock: DeviceLock }) {
  const { t } = useTranslation();
  const unlock = useUnlockWithPin(user);
  const [pin, setPin] = useState('');
  const result = unlock.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate(pin, { onSettled: () => setPin('') });
  };
  const wrong = result && !result.ok && result.reason === 'WRONG' ? result.left : null;

  return (
    <main className="login">
      <article>
        <header>
          <h1>{t('akun.kunci.title')}</h1>
        </header>
        {lock.pin ? (
          <form onSubmit={submit} noValidate>
            <p>{t('akun.kunci.intro')}</p>
            <PinInput
              label={t('akun.kunci.pin')}
              name="pin"
              autoFocus
              value={pin}
              onChange={setPin}
              aria-invalid={wrong !== null ? true : undefined}
              aria-describedby={wrong !== null ? 'pin-error' : undefined}
            />
            {wrong !== null && (
              <p id="pin-error" role="alert" className="error">
                {t('akun.kunci.wrong', { count: wrong })}
              </p>
            )}
            <button type="submit" aria-busy={unlock.isPending} disabled={unlock.isPending || pin.length !== DEVICE_PIN_LENGTH}>
              {unlock.isPending ? t('akun.kunci.checking') : t('akun.kunci.submit')}
            </button>
          </form>
        ) : (
          <p role="alert" className="notice">
            {lock.notice === 'TOO_OLD' ? t('akun.kunci.tooOld') : t('akun.kunci.erased')}
          </p>
        )}
        <footer>
          <Link to="/masuk" state={{ expired: true }}>
            {t('akun.kunci.signIn')}
          </Link>
          <br />
          <small className="muted">{t('akun.kunci.needsSignal')}</small>
        </footer>
      </article>
    </main>
  );
}

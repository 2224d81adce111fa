import { useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, sessionExpired, type SessionEnd } from '../api/client.js';
import { keys, useMe } from '../api/queries.js';
import type { Me } from '../api/types.js';
import { useDeviceLock, watchSession } from '../offline/device-lock.js';
import { restoreAfterSignIn, restoredOwner } from '../offline/persist.js';
import { forgetDeviceKey } from '../offline/vault.js';
import { useReadyToShow } from '../lib/arriving.js';
import { LockScreen } from './LockScreen.js';

const ForcedPasswordChange = lazy(() =>
  import('../pages/account/ChangePasswordPage.js').then((m) => ({ default: m.ForcedPasswordChange })),
);
const ForcedTwoFactor = lazy(() => import('../pages/account/TwoFactorPanel.js').then((m) => ({ default: m.ForcedTwoFactor })));

/**
 * Shows its children to a signed-in user; otherwise, or when the session expires mid-work, the
 * login page. A user whose password an admin set sees only the change-password screen until it
 * is replaced (the server refuses everything else meanwhile); one whose role requires two-step
 * verification sees only its setup until it is on.
 *
 * Issue 17: when the session has ended without a signal and the device keeps work, the lock
 * screen comes first (the PIN opens it); once the PIN opened it and the signal is back, the
 * password is asked for before anything is sent.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const lock = useDeviceLock();
  const user = me.data?.id;
  // The whole shell and first screen are drawn in a background render once the session is known.
  const shown = useReadyToShow(me.data !== undefined);

  useEffect(() => {
    const onExpired = (event: Event) => {
      const { revoked } = (event as CustomEvent<SessionEnd>).detail;
      // The server's "no": the device key goes, so what this device keeps stays sealed until
      // the same user signs in again (offline/vault.ts).
      const user = queryClient.getQueryData<Me>(keys.me)?.id ?? restoredOwner();
      if (user) void forgetDeviceKey(user, { revoked }).catch(() => undefined);
      queryClient.removeQueries({ queryKey: keys.me });
      navigate('/masuk', { state: { from: location.pathname, expired: true } });
    };
    sessionExpired.addEventListener('expired', onExpired);
    return () => sessionExpired.removeEventListener('expired', onExpired);
  }, [navigate, location.pathname, queryClient]);

  // At the session's end the device asks the server again and, unanswered or refused, locks itself:
  // the screens forget what they show. Kept data sealed at start opens once the server confirms.
  useEffect(
    () =>
      user
        ? watchSession(user, { onLock: () => queryClient.clear(), onConfirmed: () => restoreAfterSignIn(queryClient, user) })
        : undefined,
    [user, queryClient],
  );

  // Without the server (paused, or failed by the network) the lock comes first; the server's own
  // answer (a session it honours, or a 401) decides otherwise. navigator.onLine alone proves nothing.
  const unreachable = me.fetchStatus === 'paused' || (me.isError && me.error instanceof ApiError && me.error.status === 0);
  if (lock.sealed && (lock.pin || lock.notice) && !me.data && unreachable) return <LockScreen user={lock.sealed} lock={lock} />;
  if (lock.openedByPin && lock.signal) return <Navigate to="/masuk" replace state={{ from: location.pathname, expired: true }} />;
  if (me.isPending && me.fetchStatus === 'paused') return <p className="centered notice">{t('luring.notCached')}</p>;
  if (me.isPending || (me.data && !shown))
    return (
      <p aria-busy="true" className="centered">
        {t('common.loading')}
      </p>
    );
  // Without a signal the session kept on the device still holds: only the server's "no" signs out.
  if (me.isError && !(me.data && me.error instanceof ApiError && me.error.status === 0))
    return <Navigate to="/masuk" replace state={{ from: location.pathname }} />;
  if (me.data.mustChangePassword) return <ForcedPasswordChange />;
  if (me.data.twoFactorRequired && !me.data.twoFactorEnabled) return <ForcedTwoFactor />;
  if (lock.openedByPin)
    return (
      <>
        <p role="status" className="notice pin-opened">
          {t('akun.kunci.openedByPin')}
        </p>
        {children}
      </>
    );
  return <>{children}</>;
}

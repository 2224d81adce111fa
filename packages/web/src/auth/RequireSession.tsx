import { useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, sessionExpired } from '../api/client.js';
import { keys, useMe } from '../api/queries.js';
import type { Me } from '../api/types.js';
import { restoredOwner } from '../offline/persist.js';
import { forgetDeviceKey } from '../offline/vault.js';

const ForcedPasswordChange = lazy(() =>
  import('../pages/account/ChangePasswordPage.js').then((m) => ({ default: m.ForcedPasswordChange })),
);
const ForcedTwoFactor = lazy(() => import('../pages/account/TwoFactorPanel.js').then((m) => ({ default: m.ForcedTwoFactor })));

/**
 * Shows its children to a signed-in user; otherwise, or when the session expires mid-work, the
 * login page. A user whose password an admin set sees only the change-password screen until it
 * is replaced (the server refuses everything else meanwhile); one whose role requires two-step
 * verification sees only its setup until it is on.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  useEffect(() => {
    const onExpired = () => {
      // The server's "no": the device key goes, so what this device keeps stays sealed until
      // the same user signs in again (offline/vault.ts).
      const user = queryClient.getQueryData<Me>(keys.me)?.id ?? restoredOwner();
      if (user) void forgetDeviceKey(user).catch(() => undefined);
      queryClient.removeQueries({ queryKey: keys.me });
      navigate('/masuk', { state: { from: location.pathname, expired: true } });
    };
    sessionExpired.addEventListener('expired', onExpired);
    return () => sessionExpired.removeEventListener('expired', onExpired);
  }, [navigate, location.pathname, queryClient]);

  if (me.isPending && me.fetchStatus === 'paused') return <p className="centered notice">{t('luring.notCached')}</p>;
  if (me.isPending)
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
  return <>{children}</>;
}

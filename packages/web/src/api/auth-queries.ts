import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OwnSessionRecord } from '@tuntas/domain';
import { resetLock } from '../offline/device-lock.js';
import { forgetOtherUser, restoreAfterSignIn, wipeDevice } from '../offline/persist.js';
import { refreshDeviceKey } from '../offline/vault.js';
import { api } from './client.js';
import { keys } from './queries.js';
import type { Me } from './types.js';

/** Sign-in and one's own password: the only place these screens talk to the server. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; otp?: string }) =>
      api<{ user: Me; mustChangePassword: boolean }>('/auth/login', { method: 'POST', json: body }),
    onSuccess: async ({ user }) => {
      forgetOtherUser(queryClient, user.id);
      // The device key again (a session that expired offline left it sealed): what this device
      // kept for the user opens before the first screen.
      await refreshDeviceKey(user.id).catch(() => undefined);
      await restoreAfterSignIn(queryClient, user.id).catch(() => undefined);
      // Signed in with the password: work queued behind the PIN may go out now.
      resetLock();
      queryClient.setQueryData(keys.me, user);
    },
  });
}

/** POST /auth/password; the server ends the user's other sessions and lifts "must change first". */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { current: string; new: string }) => api<void>('/auth/password', { method: 'POST', json: body }),
    onSuccess: () => queryClient.setQueryData<Me>(keys.me, (me) => (me ? { ...me, mustChangePassword: false } : me)),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    queryClient.clear();
    await wipeDevice().catch(() => undefined);
  };
}

export interface TwoFactorState {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

const twoFactorKey = ['auth', '2fa'] as const;

/** GET /auth/2fa: whether two-step verification is on, required by the role, and recovery codes left. */
export function useTwoFactorState() {
  return useQuery({ queryKey: twoFactorKey, queryFn: () => api<TwoFactorState>('/auth/2fa') });
}

/** POST /auth/2fa/setup: a new secret for the authenticator app (shown once; pending until enabled). */
export function useTwoFactorSetup() {
  return useMutation({ mutationFn: () => api<{ secret: string; otpauthUrl: string }>('/auth/2fa/setup', { method: 'POST' }) });
}

/** POST /auth/2fa/enable with the app's code; answers the recovery codes, shown once. */
export function useTwoFactorEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => api<{ recoveryCodes: string[] }>('/auth/2fa/enable', { method: 'POST', json: { otp } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: twoFactorKey });
    },
  });
}

/** POST /auth/2fa/recovery-codes: ten new codes, proven with a current code; the old ones stop working. */
export function useNewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => api<{ recoveryCodes: string[] }>('/auth/2fa/recovery-codes', { method: 'POST', json: { otp } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

/** POST /auth/2fa/disable, proven with a current code (refused for a role that requires it). */
export function useTwoFactorDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => api<void>('/auth/2fa/disable', { method: 'POST', json: { otp } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: twoFactorKey });
      queryClient.setQueryData<Me>(keys.me, (me) => (me ? { ...me, twoFactorEnabled: false } : me));
    },
  });
}

const sessionsKey = ['auth', 'sessions'] as const;

/** GET /auth/sessions: one's own signed-in devices, this one marked. */
export function useOwnSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api<OwnSessionRecord[]>('/auth/sessions') });
}

/** DELETE /auth/sessions/{id}: signs one of one's own other devices out. */
export function useEndOwnSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/auth/sessions/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** After the recovery codes were shown: the app may open (a role that requires 2FA was held at its setup). */
export function useTwoFactorEnabled() {
  const queryClient = useQueryClient();
  return () => queryClient.setQueryData<Me>(keys.me, (me) => (me ? { ...me, twoFactorEnabled: true } : me));
}

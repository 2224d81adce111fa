import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './queries.js';
import type { Me } from './types.js';

/** Sign-in and one's own password: the only place these screens talk to the server. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<{ user: Me; mustChangePassword: boolean }>('/auth/login', { method: 'POST', json: body }),
    onSuccess: ({ user }) => queryClient.setQueryData(keys.me, user),
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
  };
}

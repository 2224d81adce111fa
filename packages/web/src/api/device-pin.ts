import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { markOpenedByPin, markPinErased } from '../offline/device-lock.js';
import { restoreQueries } from '../offline/persist.js';
import { hasPin, removePin, setPin, unlockWithPin, type PinResult } from '../offline/pin.js';

/**
 * The device PIN (issue 17), kept on this device only (offline/pin.ts): the Akun screen sets,
 * changes and removes it; the lock screen opens the kept work with it.
 */
const pinKey = (user: string) => ['device-pin', user] as const;

/** Whether this device holds a PIN for the user. */
export function useDevicePin(user: string) {
  return useQuery({ queryKey: pinKey(user), queryFn: () => hasPin(user), networkMode: 'always', staleTime: 0 });
}

/** Sets or replaces the PIN (the session must be confirmed by the server now); answers the rule it broke, or null. */
export function useSetDevicePin(user: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (pin: string) => setPin(user, pin),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pinKey(user) }),
  });
}

export function useRemoveDevicePin(user: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => removePin(user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pinKey(user) }),
  });
}

/** The lock screen: the right PIN brings the kept working set back on screen; five wrong ones erase the PIN. */
export function useUnlockWithPin(user: string) {
  const queryClient = useQueryClient();
  return useMutation({
    networkMode: 'always',
    mutationFn: async (pin: string): Promise<PinResult> => {
      const result = await unlockWithPin(user, pin);
      if (result.ok) {
        await restoreQueries(queryClient);
        markOpenedByPin(user);
      } else if (result.reason === 'ERASED' || result.reason === 'TOO_OLD') markPinErased(result.reason);
      return result;
    },
  });
}

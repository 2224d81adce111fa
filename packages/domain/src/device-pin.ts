/**
 * The device PIN (issue 17): after a session expires without a signal, six digits open the work
 * kept on the phone. Six digits are only a million guesses, so the easiest ones are refused (the
 * same digit six times, a run up or down) and the device erases its PIN after a few wrong tries.
 */
export const DEVICE_PIN_LENGTH = 6;
/** Wrong PINs in a row after which the device erases its PIN (the data then waits for a sign-in). */
export const DEVICE_PIN_MAX_FAILURES = 5;
/** How long after the last time the server confirmed the user the PIN may still open the device. */
export const DEVICE_PIN_OFFLINE_DAYS = 7;

export type DevicePinProblem = 'FORMAT' | 'SAME_DIGITS' | 'SEQUENCE';

/** Why a PIN may not be chosen, or null when it may. */
export function devicePinProblem(pin: string): DevicePinProblem | null {
  if (!new RegExp(`^[0-9]{${DEVICE_PIN_LENGTH}}$`).test(pin)) return 'FORMAT';
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'SAME_DIGITS';
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'SEQUENCE';
  return null;
}

/**
 * Minimum password strength, shared by server and browser so a user learns it before submitting.
 * Length matters more than symbol rules (NIST SP 800-63B); we refuse the obvious weak forms.
 */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_SIMPLE' | 'CONTAINS_USERNAME';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function checkPassword(password: string, username?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (password.length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  if (new Set(password).size < 4) return 'TOO_SIMPLE';
  if (/^\d+$/.test(password)) return 'TOO_SIMPLE';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'CONTAINS_USERNAME';
  }
  return null;
}

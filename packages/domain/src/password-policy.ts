import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as indonesian from '@zxcvbn-ts/language-id';

/**
 * Minimum password strength, shared by server and browser so a user learns it before submitting.
 * Length matters more than symbol rules (NIST SP 800-63B); we refuse the obvious weak forms and,
 * through zxcvbn-ts (its list of ~49,000 leaked passwords, Indonesian words and names, keyboard
 * patterns, l33t spellings, dates), anything a cracker would guess early: `password123`,
 * `Passw0rd!!`, `bismillah123`.
 */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_SIMPLE' | 'CONTAINS_USERNAME' | 'TOO_COMMON';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * zxcvbn's score 3: about 10^8 guesses or more ("safely unguessable" against an online attack
 * and a slow hash offline, which argon2id is).
 */
const MIN_SCORE = 3;

/** zxcvbn's cost grows with length; a long password whose first 100 characters are strong is strong. */
const ESTIMATE_PREFIX = 100;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use, so a screen that imports the domain but never checks a password pays nothing. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...indonesian.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
}

export function checkPassword(password: string, username?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (password.length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  if (new Set(password).size < 4) return 'TOO_SIMPLE';
  if (/^\d+$/.test(password)) return 'TOO_SIMPLE';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'CONTAINS_USERNAME';
  }
  // The username's parts (budi.santoso → budi, santoso) count as words a guesser knows.
  const userInputs = username ? [username, ...username.split(/[._-]+/).filter((part) => part.length >= 3)] : [];
  if (zxcvbn().check(password.slice(0, ESTIMATE_PREFIX), userInputs).score < MIN_SCORE) return 'TOO_COMMON';
  return null;
}

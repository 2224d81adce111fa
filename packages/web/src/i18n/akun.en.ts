import type { akunId } from './akun.id.js';
import type { Widen } from './id.js';

/** One's own account in English; keys mirror akun.id.ts (the type checks it). */
export const akunEn: Widen<typeof akunId> = {
  menu: 'Change password',
  title: 'Change password',
  forcedIntro: 'Your password was set by an admin. Before you start, replace it with one only you know.',
  intro: 'Your sessions on other devices end once the password is changed.',
  current: 'Current password',
  new: 'New password',
  confirm: 'Repeat the new password',
  rules: 'At least {{min}} characters. Avoid common passwords (e.g. "password123"), your username and easy patterns; a few words together are stronger.',
  mismatch: 'The two new passwords differ.',
  submit: 'Save the new password',
  submitting: 'Saving…',
  done: 'Your password has been changed.',
  logout: 'Sign out',
  reasons: {
    TOO_SHORT: 'The new password is too short (at least {{min}} characters).',
    TOO_LONG: 'The new password is too long.',
    TOO_SIMPLE: 'The new password is too simple (repetitive or digits only).',
    CONTAINS_USERNAME: 'The new password may not contain your username.',
    TOO_COMMON: 'The new password is too common or easy to guess. Try a few words together.',
    SAME_AS_CURRENT: 'The new password must differ from the current one.',
  },
  throttled: 'Too many failed attempts. Try again in {{seconds}} seconds.',
};

import { describe, expect, it } from 'vitest';
import { ERRORS, errorMessage, localeFromAcceptLanguage } from '../src/errors.js';

describe('error catalogue', () => {
  it('has a message in both languages and a 4xx/5xx status for every code', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(entry.id.length, code).toBeGreaterThan(5);
      expect(entry.en.length, code).toBeGreaterThan(5);
      expect(entry.id, code).not.toBe(entry.en);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers in Indonesian unless English is preferred', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('id');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(localeFromAcceptLanguage('en;q=0.5,id;q=0.9')).toBe('id');
    expect(localeFromAcceptLanguage('fr-FR')).toBe('id');
    expect(errorMessage('NOT_FOUND', 'en')).toBe('Not found.');
  });
});

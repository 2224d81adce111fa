import { describe, expect, it } from 'vitest';
import { CATEGORY_STAGE_DAYS, DEFAULT_STAGE_DAYS, isOverdue, stageDueAt } from '../src/case-deadlines.js';
import { TAHAPAN_CODES } from '../src/tahapan.js';

const since = new Date('2026-11-01T00:00:00Z');
const day = (n: number) => new Date(since.getTime() + n * 86_400_000);

describe('stage deadlines', () => {
  it('gives every stage but bimbingan lanjut a positive target, and category overrides a known stage', () => {
    for (const t of TAHAPAN_CODES) {
      if (t === 'bimbingan_lanjut') expect(DEFAULT_STAGE_DAYS[t]).toBeNull();
      else expect(DEFAULT_STAGE_DAYS[t]).toBeGreaterThan(0);
    }
    for (const o of CATEGORY_STAGE_DAYS) expect(TAHAPAN_CODES).toContain(o.tahapan);
  });

  it('is late only after the due moment, and only for open work', () => {
    const open = { tahapan: 'asesmen' as const, closed: false, verified: false };
    expect(stageDueAt(since, 21)).toEqual(day(21));
    expect(isOverdue(open, since, 21, day(21))).toBe(false);
    expect(isOverdue(open, since, 21, day(22))).toBe(true);
    expect(isOverdue({ ...open, closed: true }, since, 21, day(99))).toBe(false);
    expect(isOverdue({ tahapan: 'terminasi', closed: false, verified: true }, since, 14, day(99))).toBe(false);
    // Waiting for the koordinator's verification is late work too: the koordinator's.
    expect(isOverdue({ tahapan: 'terminasi', closed: false, verified: false }, since, 14, day(15))).toBe(true);
    expect(isOverdue({ tahapan: 'bimbingan_lanjut', closed: false, verified: true }, since, null, day(999))).toBe(false);
  });
});

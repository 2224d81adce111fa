import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  canClose,
  canReopen,
  canVerify,
  checkTransition,
  deriveStatus,
  nextTahapan,
  type CaseState,
} from '../src/case-workflow.js';
import { TAHAPAN_CODES, type TahapanCode } from '../src/tahapan.js';

// Written out by hand from the practice guideline, independent of the table under test.
const ALLOWED = new Set([
  'pendekatan_awal>asesmen',
  'asesmen>rencana',
  'rencana>intervensi',
  'rencana>asesmen',
  'intervensi>resosialisasi',
  'intervensi>rencana',
  'intervensi>asesmen',
  'resosialisasi>terminasi',
  'resosialisasi>intervensi',
  'terminasi>bimbingan_lanjut',
  'terminasi>intervensi',
]);

const states: CaseState[] = TAHAPAN_CODES.flatMap((tahapan) =>
  [false, true].flatMap((closed) => [false, true].map((verified) => ({ tahapan, closed, verified }))),
);

describe('case workflow', () => {
  it('decides every (state, target) pair as the guideline says', () => {
    let checked = 0;
    for (const state of states) {
      for (const to of TAHAPAN_CODES) {
        const result = checkTransition(state, to);
        const listed = ALLOWED.has(`${state.tahapan}>${to}`);
        let expected: ReturnType<typeof checkTransition>;
        if (state.closed) expected = { ok: false, refusal: 'CASE_CLOSED' };
        else if (!listed) expected = { ok: false, refusal: 'INVALID_TRANSITION' };
        else if (to === 'bimbingan_lanjut' && !state.verified) expected = { ok: false, refusal: 'RESOLUTION_NOT_VERIFIED' };
        else expected = { ok: true };
        expect(result, `${JSON.stringify(state)} → ${to}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBe(7 * 4 * 7);
  });

  it('derives the headline status from the stage: terminasi resolves only once verified', () => {
    const status = (tahapan: TahapanCode, closed = false, verified = false) => deriveStatus({ tahapan, closed, verified });
    expect(status('pendekatan_awal')).toBe('terdata');
    for (const t of ['asesmen', 'rencana', 'intervensi', 'resosialisasi'] as const) expect(status(t)).toBe('tertangani');
    expect(status('terminasi')).toBe('tertangani');
    expect(status('terminasi', false, true)).toBe('terselesaikan');
    expect(status('bimbingan_lanjut', false, true)).toBe('terselesaikan');
    for (const t of TAHAPAN_CODES) expect(status(t, true)).toBe('ditutup');
  });

  it('voids the verification when terminasi goes back to intervention, keeps it into bimbingan lanjut', () => {
    const verified: CaseState = { tahapan: 'terminasi', closed: false, verified: true };
    expect(applyTransition(verified, 'intervensi')).toEqual({ tahapan: 'intervensi', closed: false, verified: false });
    expect(applyTransition(verified, 'bimbingan_lanjut')).toEqual({ tahapan: 'bimbingan_lanjut', closed: false, verified: true });
  });

  it('closes only unresolved open cases, verifies only at terminasi, reopens only closed ones', () => {
    for (const s of states) {
      expect(canClose(s)).toBe(!s.closed && deriveStatus(s) !== 'terselesaikan');
      expect(canVerify(s)).toBe(!s.closed && s.tahapan === 'terminasi' && !s.verified);
      expect(canReopen(s)).toBe(s.closed);
    }
  });

  it('offers only moves that would be accepted', () => {
    for (const s of states) for (const to of nextTahapan(s)) expect(checkTransition(s, to).ok).toBe(true);
    expect(nextTahapan({ tahapan: 'terminasi', closed: false, verified: false })).toEqual(['intervensi']);
  });
});

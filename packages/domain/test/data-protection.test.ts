import { describe, expect, it } from 'vitest';
import { consentStatement, DASAR_PEMROSESAN, mayGiveConsent, processingBases, PURPOSE_RULES, referralBasis } from '../src/index.js';

describe('legal bases of processing (UU 27/2022)', () => {
  it('consent is one of the six bases of Pasal 20 ayat (2), huruf a–f', () => {
    expect(DASAR_PEMROSESAN).toHaveLength(6);
  });

  it('a withdrawn consent ends only the purposes that rest on consent', () => {
    const child = processingBases({ anak: true, korbanBencana: false, dirujuk: false }, new Set());
    const by = new Map(child.map((b) => [b.tujuan, b]));
    expect(by.get('perlindungan_anak')).toMatchObject({ dasar: 'kewajiban_hukum', relevan: true, berlaku: true });
    expect(by.get('rehabilitasi_sosial')).toMatchObject({ dasar: 'tugas_publik', berlaku: true });
    expect(by.get('dokumentasi')).toMatchObject({ dasar: 'persetujuan', berlaku: false });
    const consented = processingBases({ anak: true, korbanBencana: false, dirujuk: false }, new Set(['dokumentasi'] as const));
    expect(consented.find((b) => b.tujuan === 'dokumentasi')!.berlaku).toBe(true);
    // Disaster registration rests on vital interest, for a disaster victim only.
    const victim = processingBases({ anak: false, korbanBencana: true, dirujuk: false }, new Set());
    expect(victim.find((b) => b.tujuan === 'tanggap_darurat')).toMatchObject({ dasar: 'kepentingan_vital', berlaku: true });
    expect(victim.find((b) => b.tujuan === 'perlindungan_anak')).toMatchObject({ relevan: false, berlaku: false });
  });

  it('a child’s consent is given by a parent or guardian, not by the child nor a legal companion (Pasal 25)', () => {
    expect(mayGiveConsent('orang_tua', true)).toBe(true);
    expect(mayGiveConsent('wali', true)).toBe(true);
    expect(mayGiveConsent('diri_sendiri', true)).toBe(false);
    expect(mayGiveConsent('pendamping_hukum', true)).toBe(false);
    expect(mayGiveConsent('diri_sendiri', false)).toBe(true);
  });

  it('the consent statement names the basis, the retention and the subject’s rights (Pasal 21)', () => {
    const s = consentStatement('penelitian');
    expect(s).toMatchObject({ dasar: 'persetujuan', retensi: PURPOSE_RULES.penelitian.retensi });
    expect(s.hakSubjek.some((h) => h.includes('Pasal 9'))).toBe(true);
  });

  it('a referral shares a child’s data on the legal duty of special protection, anyone else’s on the public task', () => {
    expect(referralBasis(true)).toBe('kewajiban_hukum');
    expect(referralBasis(false)).toBe('tugas_publik');
  });
});

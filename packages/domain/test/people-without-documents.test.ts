import { describe, expect, it } from 'vitest';
import { checkImportRow, type AreaLookup } from '../src/beneficiary-import.js';
import {
  cleanNomorSementara,
  parseAlasanTanpaNik,
  parsePerkiraanUmur,
  perkiraanTanggalLahir,
  umurPada,
} from '../src/people-without-documents.js';

const areas: AreaLookup = { isVillage: (c) => c === '35.10.01.2001', isRegency: (c) => c === '35.10' };
const today = new Date(Date.UTC(2026, 11, 1));
const row = { nama: 'Parto', jenis_kelamin: 'L', kode_desa: '35.10.01.2001' };

describe('people without documents', () => {
  it('stores an estimated age as the middle of that year of age, so the age read back is the age given', () => {
    expect(perkiraanTanggalLahir(45, today)).toBe('1981-06-01');
    expect(perkiraanTanggalLahir(0, today)).toBe('2026-06-01');
    // Six months back from 31 August is the last day of February.
    expect(perkiraanTanggalLahir(17, new Date(Date.UTC(2026, 7, 31)))).toBe('2009-02-28');
    for (const umur of [0, 1, 17, 18, 60, 120]) expect(umurPada(perkiraanTanggalLahir(umur, today), today)).toBe(umur);
  });

  it('reads a reason by its code or label, and an age in whole years up to 120', () => {
    expect(parseAlasanTanpaNik('Dokumen ditahan')).toBe('dokumen_ditahan');
    expect(parseAlasanTanpaNik('Documents lost in a disaster')).toBe('dokumen_hilang_bencana');
    expect(parseAlasanTanpaNik('bayi belum tercatat')).toBe('bayi_belum_tercatat');
    expect(parseAlasanTanpaNik('lupa')).toBeUndefined();
    expect(parsePerkiraanUmur('35 tahun')).toBe(35);
    expect(parsePerkiraanUmur(0)).toBe(0);
    for (const bad of ['121', '-1', '3.5', 'empat', '']) expect(parsePerkiraanUmur(bad), bad).toBeUndefined();
  });

  it('cleans a typed temporary number', () => {
    expect(cleanNomorSementara('tmp 35 123')).toBe('TMP-35-000123');
    expect(cleanNomorSementara('TMP-35-0001234567')).toBe('TMP-35-1234567');
    expect(cleanNomorSementara('Tampubolon')).toBeUndefined();
  });

  it('accepts a row without NIK only with a reason, and an estimated age only without NIK', () => {
    expect(checkImportRow({ ...row, alasan_tanpa_nik: 'komunitas_adat', perkiraan_umur: '40' }, areas, today).value).toMatchObject({
      nik: null,
      alasanTanpaNik: 'komunitas_adat',
      tanggalLahir: '1986-06-01',
      tanggalLahirPerkiraan: true,
    });
    expect(checkImportRow({ ...row, perkiraan_umur: '40' }, areas, today).errors).toEqual(['REQUIRED_MISSING']);
    expect(checkImportRow({ ...row, alasan_tanpa_nik: 'komunitas_adat' }, areas, today).errors).toEqual(['REQUIRED_MISSING']);
    // With a NIK, the age does not stand in for the birth date and the reason is beside the point.
    expect(checkImportRow({ ...row, nik: '3510011005860001', alasan_tanpa_nik: 'x', perkiraan_umur: '40' }, areas, today).errors).toEqual([
      'REQUIRED_MISSING',
    ]);
    expect(
      checkImportRow({ ...row, nik: '3510011005860001', tanggal_lahir: '1986-05-10', alasan_tanpa_nik: 'x' }, areas, today).value,
    ).toMatchObject({
      nik: '3510011005860001',
      alasanTanpaNik: null,
      tanggalLahirPerkiraan: false,
    });
  });
});

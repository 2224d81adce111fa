import { describe, expect, it } from 'vitest';
import { parseJenisKelamin, parseKategoriPpks, parseTanggal } from '../src/beneficiary-fields.js';
import { checkImportRow, type RawRow } from '../src/beneficiary-import.js';
import { cleanNik, nikMatchesBirthDate, nikProblem, parseNik } from '../src/nik.js';

describe('NIK', () => {
  it('parses area, birth date and sex (+40 for women)', () => {
    expect(parseNik('3510014508900003')).toEqual({
      nik: '3510014508900003',
      provinsi: '35',
      kabupaten: '35.10',
      kecamatan: '35.10.01',
      jenisKelamin: 'P',
      hari: 5,
      bulan: 8,
      tahun2: 90,
      serial: '0003',
    });
    expect(parseNik('3510010508900003')?.jenisKelamin).toBe('L');
  });

  it('cleans spaces and the apostrophe that Excel uses as a text marker', () => {
    expect(cleanNik("  '3510014508900003 ")).toBe('3510014508900003');
    expect(nikProblem("'3510014508900003")).toBeNull();
  });

  it.each([
    ['3.5781E+15', 'NIK_MANGLED'],
    ['3,5781E+15', 'NIK_MANGLED'],
    ['8.2030850030E+15', 'NIK_MANGLED'],
    ['351001450890000', 'NIK_FORMAT'],
    ['35100145089000031', 'NIK_FORMAT'],
    ['3510014508900000', 'NIK_FORMAT'],
    ['35100145O8900003', 'NIK_FORMAT'],
    ['4510014508900003', 'NIK_REGION_UNKNOWN'],
    ['9910014508900003', 'NIK_REGION_UNKNOWN'],
  ])('judges %s as %s', (nik, problem) => {
    expect(nikProblem(nik)).toBe(problem);
    expect(parseNik(nik)).toBeUndefined();
  });

  it('accepts the new Papua provinces and keeps pre-split codes valid', () => {
    expect(nikProblem('9601014508900003')).toBeNull(); // Papua Barat Daya (2022)
    expect(nikProblem('9101014508900003')).toBeNull(); // Papua, issued before the split
  });

  it('compares the NIK date with a birth date', () => {
    const parsed = parseNik('3510014508900003')!;
    expect(nikMatchesBirthDate(parsed, '1990-08-05')).toBe(true);
    expect(nikMatchesBirthDate(parsed, '1990-08-06')).toBe(false);
    expect(nikMatchesBirthDate(parsed, '1890-08-05')).toBe(true); // two-digit year, as on the card
  });
});

describe('field parsers', () => {
  it('reads the five ways of writing sex', () => {
    for (const v of ['L', 'l', 'Laki-laki', 'LAKI-LAKI', 'pria']) expect(parseJenisKelamin(v)).toBe('L');
    for (const v of ['P', 'p', 'Perempuan', 'perempuan ', 'Wanita']) expect(parseJenisKelamin(v)).toBe('P');
    expect(parseJenisKelamin('X')).toBeUndefined();
  });

  it('reads three date formats, day first, and refuses impossible or future dates', () => {
    const today = new Date('2026-11-28T00:00:00Z');
    expect(parseTanggal('1988-12-02', today)).toBe('1988-12-02');
    expect(parseTanggal('02/12/1988', today)).toBe('1988-12-02');
    expect(parseTanggal('02-12-1988', today)).toBe('1988-12-02');
    expect(parseTanggal('1952-02-31', today)).toBeUndefined();
    expect(parseTanggal('29/02/2023', today)).toBeUndefined();
    expect(parseTanggal('29/02/2024', today)).toBe('2024-02-29');
    expect(parseTanggal('29/02/1900', today)).toBeUndefined(); // a century year is leap only by 400
    expect(parseTanggal('29-02-2000', today)).toBe('2000-02-29');
    expect(parseTanggal('1990-13-01', today)).toBeUndefined();
    expect(parseTanggal('00/05/1990', today)).toBeUndefined();
    expect(parseTanggal('31/04/1990', today)).toBeUndefined();
    expect(parseTanggal('2026-11-28', today)).toBe('2026-11-28');
    expect(parseTanggal('2026-11-29', today)).toBeUndefined();
    expect(parseTanggal('2027-01-01', today)).toBeUndefined();
    expect(parseTanggal('kemarin', today)).toBeUndefined();
    expect(parseTanggal(new Date(Date.UTC(2001, 5, 6)), today)).toBe('2001-06-06');
  });

  it('reads a PPKS category by code, name (Terlantar or Telantar) or abbreviation', () => {
    expect(parseKategoriPpks('1')).toBe('01');
    expect(parseKategoriPpks('01')).toBe('01');
    expect(parseKategoriPpks('26')).toBe('26');
    expect(parseKategoriPpks('0')).toBeUndefined();
    expect(parseKategoriPpks('27')).toBeUndefined();
    expect(parseKategoriPpks('korban bencana alam')).toBe('21');
    expect(parseKategoriPpks('Anak Telantar')).toBe('02');
    expect(parseKategoriPpks('Lanjut Usia Terlantar')).toBe('08');
    expect(parseKategoriPpks('ODHA')).toBe('16');
    expect(parseKategoriPpks('Korban Perdagangan Orang')).toBe('18');
    expect(parseKategoriPpks('Korban Trafficking')).toBe('18');
    expect(parseKategoriPpks('Korban Banjir')).toBeUndefined();
  });
});

describe('import row rules', () => {
  const areas = { isVillage: (c: string) => c === '35.10.01.2001', isRegency: (c: string) => c === '35.10' };
  const base: RawRow = {
    nik: '3510014508900003',
    nama: ' Siti   Aminah ',
    jenis_kelamin: 'Perempuan',
    tanggal_lahir: '05/08/1990',
    kode_desa: '35.10.01.2001',
    kategori_ppks: 'Fakir Miskin',
    no_kk: "'3510010101200001",
  };

  it('accepts a good row and normalises it', () => {
    const check = checkImportRow(base, areas);
    expect(check.errors).toEqual([]);
    expect(check.value).toMatchObject({
      nik: '3510014508900003',
      nama: 'Siti Aminah',
      jenisKelamin: 'P',
      tanggalLahir: '1990-08-05',
      kategoriPpks: '24',
      noKk: '3510010101200001',
    });
  });

  it('lists every code that applies', () => {
    const check = checkImportRow(
      { ...base, jenis_kelamin: 'L', tanggal_lahir: '1990-08-06', kode_desa: '35.10.01.9999', kategori_ppks: 'x' },
      areas,
    );
    expect(check.errors).toEqual(['NIK_DOB_MISMATCH', 'NIK_SEX_MISMATCH', 'WILAYAH_UNKNOWN', 'PMKS_UNKNOWN']);
    expect(check.value).toBeUndefined();
  });

  it('warns, without refusing, when the NIK carries a regency code that no longer exists', () => {
    const check = checkImportRow({ ...base, nik: '3599014508900003' }, areas);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual(['NIK_REGENCY_UNKNOWN']);
  });

  it('refuses empty required fields and over-long fields', () => {
    expect(checkImportRow({ ...base, nama: '   ' }, areas).errors).toEqual(['REQUIRED_MISSING']);
    expect(checkImportRow({ ...base, alamat: 'x'.repeat(10_000) }, areas).errors).toEqual(['FIELD_TOO_LONG']);
    expect(checkImportRow({}, areas).errors).toEqual(['REQUIRED_MISSING']);
  });
});

describe('nikBirthDate', () => {
  it('puts the two year digits in the latest century that is not in the future', async () => {
    const { nikBirthDate, parseNik } = await import('../src/nik.js');
    const today = new Date('2026-11-28T00:00:00Z');
    expect(nikBirthDate(parseNik('3510014508900777')!, today)).toBe('1990-08-05');
    expect(nikBirthDate(parseNik('3510010103150001')!, today)).toBe('2015-03-01');
    expect(nikBirthDate(parseNik('3510010103270001')!, today)).toBe('1927-03-01');
  });
});

import { describe, expect, it } from 'vitest';
import {
  capaian,
  wilayahClock,
  monthName,
  monthsBefore,
  distanceKm,
  draftFromCaseEvent,
  isEarlyLeave,
  isLate,
  localClock,
  parseNip,
  predikat,
  PROVINCE_CAPITALS,
  PROVINCE_CODES,
  ratingOf,
  workingDays,
  workResultRating,
  type Rating,
} from '../src/index.js';

describe('NIP / NI PPPK', () => {
  it('reads a NIP PNS by the layout of Perka BKN 22/2007 jo. 43/2007: birth date, TMT month, sex and serial', () => {
    expect(parseNip('198503122010012003', '2026-11-29', 'pns')).toEqual({
      ok: true,
      value: { jenis: 'pns', tanggalLahir: '1985-03-12', tmt: '2010-01', jenisKelamin: 'P', urut: '003' },
    });
    expect(parseNip('1990 0101 202203 1 001', '2026-11-29', 'pns')).toMatchObject({
      ok: true,
      value: { jenisKelamin: 'L', tmt: '2022-03' },
    });
  });

  it('NI PPPK is not a PNS NIP: digits 13-14 carry no month, the appointment is a year', () => {
    // A real-shaped NI PPPK: born 1990-04-15, appointed 2023, "21", woman, serial 012.
    expect(parseNip('199004152023212012', '2026-11-29', 'pns')).toEqual({ ok: false, problem: 'tmt' });
    expect(parseNip('199004152023212012', '2026-11-29', 'pppk')).toEqual({
      ok: true,
      value: { jenis: 'pppk', tanggalLahir: '1990-04-15', tmt: '2023', jenisKelamin: 'P', urut: '012' },
    });
    // A profile whose kind is not recorded yet: whichever layout fits.
    expect(parseNip('199004152023212012', '2026-11-29')).toMatchObject({ ok: true, value: { jenis: 'pppk' } });
    expect(parseNip('198503122010012003', '2026-11-29')).toMatchObject({ ok: true, value: { jenis: 'pns' } });
    expect(parseNip('199004152030212012', '2026-11-29', 'pppk')).toEqual({ ok: false, problem: 'tmt' });
  });

  it('PPPK are at least 20 when appointed (PP 49/2018 Pasal 16), PNS at least 18 (PP 11/2017 Pasal 23)', () => {
    expect(parseNip('200401012023211001', '2026-11-29', 'pppk')).toEqual({ ok: false, problem: 'usia_pengangkatan' });
    expect(parseNip('200301012023211001', '2026-11-29', 'pppk')).toMatchObject({ ok: true });
    expect(parseNip('200401012023011001', '2026-11-29', 'pns')).toMatchObject({ ok: true });
    expect(parseNip('200502012023011001', '2026-11-29', 'pns')).toEqual({ ok: false, problem: 'usia_pengangkatan' });
  });

  it.each([
    ['19850312201001200', 'format'],
    ['19850312201001200X', 'format'],
    ['198502302010012003', 'tanggal_lahir'],
    ['203001012010012003', 'tanggal_lahir'],
    ['198503122010132003', 'tmt'],
    ['198503122030012003', 'tmt'],
    ['198503122010013003', 'jenis_kelamin'],
    ['198503122010012000', 'urut'],
    ['200001012010012001', 'usia_pengangkatan'],
  ])('refuses NIP PNS %s (%s)', (nip, problem) => {
    expect(parseNip(nip, '2026-11-29', 'pns')).toEqual({ ok: false, problem });
  });
});

describe('attendance rules', () => {
  it('is late after 07.30 and early before 16.00 (Friday 16.30), on the local clock', () => {
    expect(isLate('2026-11-26', 7 * 60 + 30)).toBe(false);
    expect(isLate('2026-11-26', 7 * 60 + 31)).toBe(true);
    expect(isEarlyLeave('2026-11-26', 16 * 60 - 1)).toBe(true); // Thursday
    expect(isEarlyLeave('2026-11-26', 16 * 60)).toBe(false);
    expect(isEarlyLeave('2026-11-27', 16 * 60 + 15)).toBe(true); // Friday
  });

  it('tells the local day in each of the three zones', () => {
    const at = new Date('2026-11-27T16:30:00Z');
    expect(localClock(at, 'Asia/Jakarta')).toEqual({ tanggal: '2026-11-27', menit: 23 * 60 + 30 });
    expect(localClock(at, 'Asia/Makassar')).toEqual({ tanggal: '2026-11-28', menit: 30 });
    expect(localClock(at, 'Asia/Jayapura')).toEqual({ tanggal: '2026-11-28', menit: 60 + 30 });
  });

  it('counts Monday to Friday', () => {
    expect(workingDays('2026-11-01', '2026-11-30')).toHaveLength(21);
    expect(workingDays('2026-11-28', '2026-11-29')).toEqual([]);
  });

  it('measures distance on the globe and knows every province capital', () => {
    const jakarta = PROVINCE_CAPITALS['31']!;
    const surabaya = PROVINCE_CAPITALS['35']!;
    expect(distanceKm(jakarta, surabaya)).toBeGreaterThan(650);
    expect(distanceKm(jakarta, surabaya)).toBeLessThan(700);
    expect(distanceKm(jakarta, jakarta)).toBe(0);
    expect(Object.keys(PROVINCE_CAPITALS).sort()).toEqual([...PROVINCE_CODES].sort());
  });
});

describe('activity drafts from case work', () => {
  it('maps field work to entry types and ignores paperwork events', () => {
    expect(draftFromCaseEvent({ jenis: 'dibuat' })?.jenis).toBe('kunjungan_rumah');
    expect(draftFromCaseEvent({ jenis: 'tahapan', keTahapan: 'asesmen' })?.jenis).toBe('asesmen');
    expect(draftFromCaseEvent({ jenis: 'tahapan', keTahapan: 'rencana' })?.jenis).toBe('temu_bahas_kasus');
    expect(draftFromCaseEvent({ jenis: 'diubah' })).toBeNull();
    expect(draftFromCaseEvent({ jenis: 'ditutup' })).toBeNull();
  });
});

describe('SKP', () => {
  it('pro-rates counts to the months evaluated, not rates', () => {
    expect(capaian({ jenis: 'jumlah' }, 60, 15, 3)).toBe(100);
    expect(capaian({ jenis: 'jumlah' }, 60, 60, 12)).toBe(100);
    expect(capaian({ jenis: 'rasio' }, 95, 95, 3)).toBe(100);
    expect(capaian({ jenis: 'rasio' }, 95, 76, 3)).toBe(80);
  });

  it('rates work results by the capped mean capaian', () => {
    expect(ratingOf(110)).toBe('di_atas');
    expect(ratingOf(109.9)).toBe('sesuai');
    expect(ratingOf(89.9)).toBe('di_bawah');
    expect(workResultRating([1000, 50])).toBe('sesuai'); // 150 and 50 average 100
    expect(workResultRating([120, 115])).toBe('di_atas');
  });

  it('follows the quadrant of PermenPANRB 6/2022 in all nine cells', () => {
    const table: Array<[Rating, Rating, string]> = [
      ['di_atas', 'di_atas', 'sangat_baik'],
      ['di_atas', 'sesuai', 'baik'],
      ['di_atas', 'di_bawah', 'kurang'],
      ['sesuai', 'di_atas', 'baik'],
      ['sesuai', 'sesuai', 'baik'],
      ['sesuai', 'di_bawah', 'kurang'],
      ['di_bawah', 'di_atas', 'butuh_perbaikan'],
      ['di_bawah', 'sesuai', 'butuh_perbaikan'],
      ['di_bawah', 'di_bawah', 'sangat_kurang'],
    ];
    for (const [hasil, perilaku, expected] of table) expect(predikat(hasil, perilaku)).toBe(expected);
  });
});

describe('months', () => {
  it('names a month in Indonesian and steps back across years', () => {
    expect(monthName('2026-10')).toBe('Oktober 2026');
    expect(monthsBefore('2026-11', 11)).toBe('2025-12');
    expect(monthsBefore('2026-03', 0)).toBe('2026-03');
  });
});

describe('wilayahClock: today is the worker’s own day, in the browser as on the server', () => {
  it('gives a WIT pendamping their new day while it is still yesterday in WIB and UTC', () => {
    // 1 December 2026 at 23.30 UTC: 06.30 WIB on 2 December, 08.30 WIT on 2 December.
    const at = new Date('2026-12-01T23:30:00Z');
    expect(wilayahClock('91.71', at)).toEqual({ tanggal: '2026-12-02', menit: 8 * 60 + 30 });
    expect(wilayahClock('35.10', at)).toEqual({ tanggal: '2026-12-02', menit: 6 * 60 + 30 });
    // 16.30 UTC: WIT already the next day, WIB not yet.
    const evening = new Date('2026-12-01T16:30:00Z');
    expect(wilayahClock('91.71', evening).tanggal).toBe('2026-12-02');
    expect(wilayahClock('35.10', evening).tanggal).toBe('2026-12-01');
    expect(wilayahClock(null, evening).tanggal).toBe('2026-12-01');
  });
});

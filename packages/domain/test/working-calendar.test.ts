import { describe, expect, it } from 'vitest';
import { isEarlyLeave, isLate, isWorkingDay, RAMADAN_HOURS, workingDays, workingHoursOn, type KalenderKerja } from '../src/index.js';

const calendar: KalenderKerja = {
  libur: [
    { tanggal: '2026-08-17', jenis: 'libur_nasional', nama: 'Hari Proklamasi Kemerdekaan Republik Indonesia' },
    { tanggal: '2026-12-24', jenis: 'cuti_bersama', nama: 'Cuti bersama Hari Raya Natal' },
  ],
  jamKhusus: [{ nama: 'Bulan Ramadan 1447 H', mulai: '2026-02-19', selesai: '2026-03-19', ...RAMADAN_HOURS }],
};

describe('working calendar rules', () => {
  it('national holidays and cuti bersama are not working days (SKB 3 Menteri)', () => {
    expect(isWorkingDay('2026-08-17', calendar)).toBe(false);
    expect(isWorkingDay('2026-12-24', calendar)).toBe(false);
    expect(isWorkingDay('2026-12-23', calendar)).toBe(true);
    expect(workingDays('2026-12-21', '2026-12-27', calendar)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-25']);
  });

  it('nobody is late (TL) or leaves early (PSW) on a day that is not a working day', () => {
    expect(isLate('2026-08-17', 10 * 60, calendar)).toBe(false);
    expect(isEarlyLeave('2026-08-17', 9 * 60, calendar)).toBe(false);
    expect(isLate('2026-08-18', 10 * 60, calendar)).toBe(true);
  });

  it('Ramadan hours (32.5 hours a week): 08.00–15.00, Friday 15.30 (Perpres 21/2023, circular of the Minister of PANRB)', () => {
    expect(workingHoursOn('2026-02-23', calendar)).toMatchObject(RAMADAN_HOURS);
    expect(isLate('2026-02-23', 7 * 60 + 55, calendar)).toBe(false);
    expect(isLate('2026-02-23', 8 * 60 + 1, calendar)).toBe(true);
    expect(isEarlyLeave('2026-02-23', 15 * 60, calendar)).toBe(false);
    expect(isEarlyLeave('2026-02-27', 15 * 60 + 10, calendar)).toBe(true); // Friday
    // The day after the period the normal hours hold again.
    expect(isLate('2026-03-25', 7 * 60 + 55, calendar)).toBe(true);
  });
});

/**
 * Deadlines the law itself sets for a case, each with its own clock (not the practice targets of
 * `case-deadlines.ts`, which an admin may change):
 *
 * - ABH (03, anak yang berkonflik dengan hukum): the social report (laporan sosial) is due within
 *   3 × 24 hours of the investigator's request — PP 65/2015 (Pedoman Pelaksanaan Diversi dan
 *   Penanganan Anak yang Belum Berumur 12 Tahun), following UU 11/2012 (SPPA) Pasal 27–28. The case
 *   is opened when the request arrives, so its clock runs from the case's opening; the report is
 *   written from the assessment, so a recorded assessment meets it.
 * - KPO (18, korban perdagangan orang): rehabilitation within 7 days of the application — UU
 *   21/2007 Pasal 52 ayat (1)–(2). The case is the application; it is met once rehabilitation has
 *   begun: a service is recorded or the case has reached intervensi.
 */
export const BATAS_HUKUM = [
  { kode: 'abh_laporan_sosial', ppks: '03', jam: 72, dasar: 'PP 65/2015; UU 11/2012 Pasal 27–28' },
  { kode: 'kpo_rehabilitasi', ppks: '18', jam: 7 * 24, dasar: 'UU 21/2007 Pasal 52' },
] as const;

export type BatasHukumKode = (typeof BATAS_HUKUM)[number]['kode'];

export function batasHukumFor(ppks: string): (typeof BATAS_HUKUM)[number] | undefined {
  return BATAS_HUKUM.find((b) => b.ppks === ppks);
}

/** When the clock started at `mulai` runs out. */
export function batasHukumDue(kode: BatasHukumKode, mulai: Date): Date {
  const rule = BATAS_HUKUM.find((b) => b.kode === kode)!;
  return new Date(mulai.getTime() + rule.jam * 3_600_000);
}

/** A legal deadline still open on a case (met ones are not tasks). */
export interface LegalDeadlineTask {
  caseId: string;
  nomor: string;
  kode: BatasHukumKode;
  /** ISO date-time the deadline runs out. */
  batas: string;
  terlambat: boolean;
}

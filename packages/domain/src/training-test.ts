/**
 * Pre-test and post-test of a training event (issue 22): multiple-choice banks per unit, answered
 * on the phone within a window and scored on the server. The rules and the API's shapes.
 */

export const TEST_JENIS = ['pre', 'post'] as const;
export type TestJenis = (typeof TEST_JENIS)[number];

/**
 * The post-test pass mark when an event has a post-test bank but set no mark of its own (to
 * confirm with the Direktorat Jenderal Rehabilitasi Sosial; 70 is the common mark of the
 * ministry's technical trainings, docs/DOMAIN.md).
 */
export const NILAI_LULUS_BAKU = 70;

/** The most questions one bank holds, and the most choices one question offers. */
export const SOAL_MAKS = 100;
export const PILIHAN_MAKS = 6;

export const TEST_STATUSES = ['belum_dibuka', 'dibuka', 'ditutup'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

/** Where a test's window stands at `now`: open from `dibuka` until (not including) `ditutup`. */
export function testStatus(window: { dibuka: string; ditutup: string }, now: Date): TestStatus {
  const t = now.getTime();
  if (t < Date.parse(window.dibuka)) return 'belum_dibuka';
  return t < Date.parse(window.ditutup) ? 'dibuka' : 'ditutup';
}

/** A score out of 100, rounded half up: 2 of 3 is 67. */
export function nilaiTes(benar: number, jumlah: number): number {
  return jumlah === 0 ? 0 : Math.round((100 * benar) / jumlah);
}

/** The gain: post-test minus pre-test, in points; null unless both were taken. */
export function gainTes(pre: number | null, post: number | null): number | null {
  return pre === null || post === null ? null : post - pre;
}

// ---- Shapes of the API ----

/** A test as the event's list shows it: its kind and window. */
export interface TestWindow {
  jenis: TestJenis;
  dibuka: string;
  ditutup: string;
}

/** One question as a participant sees it: never the correct choice. */
export interface TestQuestion {
  id: string;
  unit: string;
  pertanyaan: string;
  pilihan: string[];
}

export interface UnitScore {
  unit: string;
  benar: number;
  jumlah: number;
  nilai: number;
}

export interface TestResult {
  jenis: TestJenis;
  nilai: number;
  benar: number;
  jumlah: number;
  perUnit: UnitScore[];
  dikirim: string;
}

/** A test for the participant: the questions only while open and not yet answered; their result once sent. */
export interface ParticipantTest extends TestWindow {
  status: TestStatus;
  soal: TestQuestion[];
  hasil: TestResult | null;
}

/** The organiser's bank: with the correct choice of each question. */
export interface TestBank extends TestWindow {
  soal: Array<TestQuestion & { jawaban: number }>;
  jumlahMenjawab: number;
}

/** The gain per participant and per unit, for the organiser. */
export interface TestResults {
  nilaiLulus: number | null;
  peserta: Array<{
    userId: string;
    nama: string;
    wilayah: string;
    pre: number | null;
    post: number | null;
    gain: number | null;
    perUnit: Array<{ unit: string; pre: number | null; post: number | null }>;
  }>;
  units: Array<{ unit: string; nama: string; pre: number | null; post: number | null; gain: number | null; peserta: number }>;
}

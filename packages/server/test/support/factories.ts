import {
  AFFECTED_IMPORT_COLUMNS,
  assessmentForm,
  TAHAPAN_TRANSITIONS,
  type AffectedImportColumn,
  type AffectedRecord,
  type AidRecord,
  type BeneficiaryRecord,
  type CaseRecord,
  type DeploymentRecord,
  type DisasterRecord,
  type FormField,
  type ShelterRecord,
  type TahapanCode,
  type TracingRecord,
  type TestBank,
  type TrainingProgramme,
  type TrainingRecord,
} from '@tuntas/domain';
import { randomUUID } from 'node:crypto';
import type { DB } from '../../src/db/schema.js';
import type { Session, TestContext } from './test-app.js';

/**
 * Records built through the real API, each with exactly what a test asserts on (as Outline's
 * test/factories.ts). Every person gets a NIK that is valid for their village, birth date and sex.
 */

let serial = 0;

/** A NIK as Dukcapil issues it: district code, birth date (day + 40 for women), serial. */
export function nikFor(kodeDesa: string, tanggalLahir: string, jenisKelamin: 'L' | 'P', n: number): string {
  const district = kodeDesa.split('.').slice(0, 3).join('');
  const [y, m, d] = tanggalLahir.split('-') as [string, string, string];
  const day = Number(d) + (jenisKelamin === 'P' ? 40 : 0);
  return `${district}${String(day).padStart(2, '0')}${m}${y.slice(2)}${String(n % 10_000).padStart(4, '0')}`;
}

export interface PersonSpec {
  nama?: string;
  /** Born ten years ago (a child) instead of in 1980. */
  child?: boolean;
  /** Exactly this many whole years old (born on 1 January); wins over `child`. */
  umur?: number;
  jenisKelamin?: 'L' | 'P';
  kodeDesa?: string;
  kategoriPpks?: string | null;
  noKk?: string | null;
  alamat?: string | null;
  /** Registered without NIK, for this reason (the database issues a temporary number). */
  tanpaNik?: string;
  /** Without NIK: an estimated age in years instead of a birth date. */
  perkiraanUmur?: number;
}

export async function buildPerson(session: Session, spec: PersonSpec = {}): Promise<BeneficiaryRecord> {
  serial += 1;
  const kodeDesa = spec.kodeDesa ?? '35.10.01.2001';
  const jenisKelamin = spec.jenisKelamin ?? 'P';
  const year = spec.umur !== undefined ? new Date().getUTCFullYear() - spec.umur : spec.child ? new Date().getUTCFullYear() - 10 : 1980;
  const tanggalLahir = spec.umur !== undefined ? `${year}-01-01` : `${year}-03-${String(1 + (serial % 28)).padStart(2, '0')}`;
  const response = await session.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      ...(spec.tanpaNik
        ? {
            nik: null,
            alasanTanpaNik: spec.tanpaNik,
            ...(spec.perkiraanUmur === undefined ? { tanggalLahir } : { perkiraanUmur: spec.perkiraanUmur }),
          }
        : { nik: nikFor(kodeDesa, tanggalLahir, jenisKelamin, 5000 + serial), tanggalLahir }),
      nama: spec.nama ?? `Sri Wulandari ${serial}`,
      jenisKelamin,
      kodeDesa,
      kategoriPpks: spec.kategoriPpks ?? null,
      noKk: spec.noKk ?? null,
      alamat: spec.alamat ?? 'Dusun Krajan RT 02 RW 01',
    },
  });
  if (response.statusCode !== 201) throw new Error(`person refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface CaseSpec {
  ppks?: string;
  /** The person; by default a new one in Kab. Banyuwangi of an age the category allows (an adult for most). */
  person?: BeneficiaryRecord;
  ringkasan?: string;
}

/** A person whose age fits the category (ABT a toddler, children's categories a child, LUT an older person). */
export function personFitting(ppks: string): PersonSpec {
  if (ppks === '01') return { umur: 2 };
  if (ppks >= '02' && ppks <= '07') return { child: true };
  if (ppks === '08') return { umur: 70 };
  return {};
}

/** A case opened by `owner` (a pendamping, who then owns it). */
export async function buildCase(owner: Session, spec: CaseSpec = {}): Promise<CaseRecord> {
  const person = spec.person ?? (await buildPerson(owner, personFitting(spec.ppks ?? '24')));
  const response = await owner.request({
    method: 'POST',
    url: '/api/v1/cases',
    payload: { beneficiaryId: person.id, ppks: spec.ppks ?? '24', ringkasan: spec.ringkasan ?? 'Keluarga tanpa penghasilan tetap' },
  });
  if (response.statusCode !== 201) throw new Error(`case refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Answers to the disaster-victims assessment form (asesmen-bencana v1) that the form accepts. */
export const DISASTER_ANSWERS = {
  sumberInformasi: 'penjangkauan',
  kondisiFisik: 'Luka ringan di kaki, sudah dirawat puskesmas',
  kondisiPsikologis: 'Sulit tidur sejak gempa',
  kondisiSosial: 'Tinggal bersama suami dan dua anak',
  kebutuhanUtama: ['hidup_layak', 'terapi'],
  tingkatRisiko: 'sedang',
  jenisBencana: 'gempa',
  kondisiRumah: 'rusak_berat',
  lokasiSaatIni: 'pengungsian',
  dokumenHilang: ['kk'],
};

function answerOf(field: FormField): unknown {
  const first = field.options?.[0]?.[0];
  switch (field.widget) {
    case 'select':
      return first;
    case 'multiselect':
      return [first];
    case 'boolean':
      return false;
    case 'number':
      return field.min ?? 1;
    case 'date':
      return '2026-11-02';
    default:
      return `Catatan ${field.name}`;
  }
}

/** The required answers of a category's assessment form, each with its first allowed value. */
export function answersFor(ppks: string): Record<string, unknown> {
  const fields = assessmentForm(ppks).layout.flatMap((section) => section.fields);
  return Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, answerOf(f)]));
}

/** An intervention plan the plan rules accept. */
export const PLAN = {
  tujuan: ['Kebutuhan dasar terpenuhi'],
  layanan: [{ atensi: 'hidup_layak', uraian: 'Paket kebutuhan dasar', pelaksana: 'Dinas Sosial', batas: '2027-06-30' }],
};

async function expectOk(response: { statusCode: number; body: string }, what: string): Promise<{ statusCode: number; body: string }> {
  if (response.statusCode >= 300) throw new Error(`${what} refused: ${response.statusCode} ${response.body}`);
  return response;
}

/** Does the work a stage's gate asks for: an assessment before rencana, an approved plan before intervensi. */
export async function satisfyGate(
  owner: Session,
  koordinator: Session,
  kase: Pick<CaseRecord, 'id' | 'ppks'>,
  to: TahapanCode,
): Promise<void> {
  const call = (s: Session, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown> = {}) =>
    s.request({ method, url: `/api/v1/cases/${kase.id}${url}`, payload });
  if (to === 'rencana') await expectOk(await call(owner, 'POST', '/assessments', { data: answersFor(kase.ppks) }), 'assessment');
  if (to === 'intervensi') {
    const draft = await expectOk(await call(owner, 'PUT', '/plan', PLAN), 'plan');
    await expectOk(await call(owner, 'POST', '/plan/submit', { version: JSON.parse(draft.body).version }), 'plan submit');
    await expectOk(await call(koordinator, 'POST', '/plan/review', { keputusan: 'setujui' }), 'plan approval');
  }
}

/**
 * Moves a case forward stage by stage to `stage`, doing the work each gate asks for on the way:
 * an assessment before rencana, a plan approved by `koordinator` before intervensi.
 */
export async function advanceCase(
  owner: Session,
  koordinator: Session,
  kase: Pick<CaseRecord, 'id' | 'ppks' | 'tahapan'>,
  stage: TahapanCode,
): Promise<CaseRecord> {
  const order = ['pendekatan_awal', 'asesmen', 'rencana', 'intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut'] as const;
  let at = kase.tahapan;
  let last: CaseRecord | null = null;
  const call = (s: Session, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown> = {}) =>
    s.request({ method, url: `/api/v1/cases/${kase.id}${url}`, payload });
  while (at !== stage) {
    const next = order[order.indexOf(at) + 1]!;
    if (!TAHAPAN_TRANSITIONS[at].includes(next)) throw new Error(`cannot advance from ${at}`);
    await satisfyGate(owner, koordinator, { id: kase.id, ppks: kase.ppks }, next);
    const moved = await expectOk(await call(owner, 'POST', '/transitions', { to: next }), `move to ${next}`);
    last = JSON.parse(moved.body) as CaseRecord;
    at = next;
  }
  if (!last) throw new Error(`already at ${stage}`);
  return last;
}

/** A disaster event declared by `declarer` (the direktorat or an area's koordinator); by default a flood in Kab. Banyuwangi. */
export async function buildDisaster(
  declarer: Session,
  spec: { nama?: string; jenis?: string; wilayah?: string[]; mulai?: string; status?: string } = {},
): Promise<DisasterRecord> {
  const response = await declarer.request({
    method: 'POST',
    url: '/api/v1/disasters',
    payload: {
      nama: spec.nama ?? 'Banjir Banyuwangi',
      jenis: spec.jenis ?? 'banjir',
      mulai: spec.mulai ?? new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      wilayah: spec.wilayah ?? ['35.10'],
      ...(spec.status ? { status: spec.status } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`disaster refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** `days` from today (UTC calendar), as YYYY-MM-DD. */
export const dayFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Deploys `pendamping` to the event, by default from yesterday to a week ahead (covering today in any zone). */
export async function deploy(
  manager: Session,
  disaster: Pick<DisasterRecord, 'id'>,
  pendamping: Session,
  spec: { mulai?: string; selesai?: string; peran?: string } = {},
): Promise<DeploymentRecord> {
  const response = await manager.request({
    method: 'POST',
    url: `/api/v1/disasters/${disaster.id}/deployments`,
    payload: {
      userId: pendamping.user.id,
      mulai: spec.mulai ?? dayFromToday(-1),
      selesai: spec.selesai ?? dayFromToday(7),
      peran: spec.peran ?? 'pendataan',
      suratTugas: 'ST-123/RSKBK/2026',
    },
  });
  if (response.statusCode !== 201) throw new Error(`deployment refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function buildShelter(
  recorder: Session,
  disaster: Pick<DisasterRecord, 'id'>,
  spec: { nama?: string; kodeDesa?: string; kapasitas?: number } = {},
): Promise<ShelterRecord> {
  const response = await recorder.request({
    method: 'POST',
    url: `/api/v1/disasters/${disaster.id}/shelters`,
    payload: {
      nama: spec.nama ?? 'Pengungsian Balai Desa',
      jenis: 'pengungsian',
      kodeDesa: spec.kodeDesa ?? '35.10.01.2001',
      lat: -8.2,
      lng: 114.37,
      kapasitas: spec.kapasitas ?? 100,
      fasilitas: ['air_bersih', 'mck'],
    },
  });
  if (response.statusCode !== 201) throw new Error(`shelter refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface AffectedSpec {
  nama?: string;
  jenisKelamin?: 'L' | 'P';
  /** A NIK (valid or already registered); by default none: a temporary number with an estimated age. */
  nik?: string;
  tanggalLahir?: string;
  perkiraanUmur?: number;
  kodeDesa?: string;
  shelterId?: string | null;
  kondisi?: string;
  kelompokRentan?: string[];
  keluargaId?: string;
  kebutuhan?: string;
}

/** The request body of one affected person (for tests that look at the refusal). */
export function affectedBody(spec: AffectedSpec = {}): Record<string, unknown> {
  serial += 1;
  return {
    ...(spec.nik
      ? { nik: spec.nik, tanggalLahir: spec.tanggalLahir }
      : {
          nik: null,
          alasanTanpaNik: 'dokumen_hilang_bencana',
          ...(spec.tanggalLahir ? { tanggalLahir: spec.tanggalLahir } : { perkiraanUmur: spec.perkiraanUmur ?? 35 }),
        }),
    nama: spec.nama ?? `Warga Terdampak ${serial}`,
    jenisKelamin: spec.jenisKelamin ?? 'P',
    kodeDesa: spec.kodeDesa ?? '35.10.01.2001',
    kondisi: spec.kondisi ?? 'mengungsi',
    ...(spec.shelterId !== undefined ? { shelterId: spec.shelterId } : {}),
    ...(spec.kelompokRentan ? { kelompokRentan: spec.kelompokRentan } : {}),
    ...(spec.keluargaId ? { keluargaId: spec.keluargaId } : {}),
    ...(spec.kebutuhan ? { kebutuhan: spec.kebutuhan } : {}),
  };
}

export async function registerAffected(
  recorder: Session,
  disaster: Pick<DisasterRecord, 'id'>,
  spec: AffectedSpec = {},
): Promise<AffectedRecord> {
  const response = await recorder.request({
    method: 'POST',
    url: `/api/v1/disasters/${disaster.id}/affected`,
    payload: affectedBody(spec),
  });
  if (response.statusCode !== 201) throw new Error(`affected refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface TracingSpec {
  jenis?: string;
  arah?: 'dicari' | 'ditemukan';
  nama?: string | null;
  jenisKelamin?: 'L' | 'P';
  perkiraanUmur?: number;
  tanggalLahir?: string;
  kodeDesa?: string | null;
  affectedId?: string;
  pelapor?: { nama: string; kontak?: string; hubungan: string } | null;
  tanggal?: string;
}

/** The request body of one tracing record: by default a separated girl of about 7 sought by her mother in Kab. Banyuwangi. */
export function tracingBody(spec: TracingSpec = {}): Record<string, unknown> {
  const arah = spec.arah ?? 'dicari';
  return {
    jenis: spec.jenis ?? 'anak_terpisah',
    arah,
    ...(spec.nama !== undefined ? { nama: spec.nama } : { nama: 'Nur Aini Rahmawati' }),
    jenisKelamin: spec.jenisKelamin ?? 'P',
    ...(spec.tanggalLahir ? { tanggalLahir: spec.tanggalLahir } : { perkiraanUmur: spec.perkiraanUmur ?? 7 }),
    ...(spec.kodeDesa !== undefined ? { kodeDesa: spec.kodeDesa } : { kodeDesa: '35.10.01.2001' }),
    tanggal: spec.tanggal ?? dayFromToday(-1),
    ...(spec.affectedId ? { affectedId: spec.affectedId } : {}),
    ...(arah === 'dicari'
      ? { pelapor: spec.pelapor === undefined ? { nama: 'Siti Maemunah', kontak: '081234567890', hubungan: 'orang_tua' } : spec.pelapor }
      : {}),
  };
}

export async function buildTracing(
  recorder: Session,
  disaster: Pick<DisasterRecord, 'id'>,
  spec: TracingSpec = {},
): Promise<TracingRecord> {
  const response = await recorder.request({ method: 'POST', url: `/api/v1/disasters/${disaster.id}/tracing`, payload: tracingBody(spec) });
  if (response.statusCode !== 201) throw new Error(`tracing refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

export interface AidSpec {
  jenis?: string;
  nilaiRupiah?: number;
  affectedId?: string;
  keluargaId?: string;
  nomorBast?: string;
  tanggal?: string;
}

/** The request body of one aid item: by default a food parcel worth Rp 250.000 handed over yesterday. */
export function aidBody(spec: AidSpec = {}): Record<string, unknown> {
  serial += 1;
  return {
    jenis: spec.jenis ?? 'permakanan',
    uraian: 'Paket sembako keluarga',
    nilaiRupiah: spec.nilaiRupiah ?? 250_000,
    jumlah: 1,
    satuan: 'paket',
    ...(spec.affectedId ? { affectedId: spec.affectedId } : {}),
    ...(spec.keluargaId ? { keluargaId: spec.keluargaId } : {}),
    nomorBast: spec.nomorBast ?? `BAST-${serial}/RSKBK/2026`,
    tanggal: spec.tanggal ?? dayFromToday(-1),
    diserahkanOleh: 'Tagana Kabupaten',
  };
}

export async function recordAid(recorder: Session, disaster: Pick<DisasterRecord, 'id'>, spec: AidSpec = {}): Promise<AidRecord> {
  const response = await recorder.request({ method: 'POST', url: `/api/v1/disasters/${disaster.id}/aid`, payload: aidBody(spec) });
  if (response.statusCode !== 201) throw new Error(`aid refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Sets the pendamping's duty location (the koordinator of their area does it), so far check-ins are flagged. */
export async function setDutyLocation(koordinator: Session, pendamping: Session, lokasi: { lat: number; lng: number }, radiusKm = 20) {
  const response = await koordinator.request({
    method: 'PUT',
    url: `/api/v1/pendamping/${pendamping.user.id}/profile`,
    payload: { lokasiTugas: lokasi, radiusKm },
  });
  if (response.statusCode !== 200) throw new Error(`profile refused: ${response.statusCode} ${response.body}`);
}

/** A training event created by `organiser` (direktorat), with `units` (default one 8-JP unit today), and `participants` registered. */
export async function buildTraining(
  organiser: Session,
  spec: {
    nama?: string;
    wilayah?: string;
    mulai?: string;
    selesai?: string;
    units?: Array<Record<string, unknown>>;
    participants?: Session[];
    kuota?: number;
  } = {},
): Promise<TrainingRecord> {
  const mulai = spec.mulai ?? dayFromToday(0);
  const response = await organiser.request({
    method: 'POST',
    url: '/api/v1/trainings',
    payload: {
      nama: spec.nama ?? 'Pelatihan Layanan Dukungan Psikososial',
      mulai,
      selesai: spec.selesai ?? mulai,
      tempat: 'Balai Besar Rehabilitasi Sosial, Jakarta',
      wilayah: spec.wilayah ?? '31',
      ...(spec.kuota ? { kuota: spec.kuota } : {}),
      units: spec.units ?? [{ kode: 'ldp', nama: 'Dukungan psikososial dasar', jp: 8, kompetensi: ['dukungan_psikososial'] }],
    },
  });
  if (response.statusCode !== 201) throw new Error(`training refused: ${response.statusCode} ${response.body}`);
  const training: TrainingRecord = response.json();
  for (const p of spec.participants ?? []) {
    const added = await organiser.request({
      method: 'POST',
      url: `/api/v1/trainings/${training.id}/participants`,
      payload: { userId: p.user.id },
    });
    if (added.statusCode !== 201) throw new Error(`participant refused: ${added.statusCode} ${added.body}`);
  }
  return training;
}

/** Four questions over two units (`u1`, `u2`), keys 0, 1, 2, 0: what `answersOf` marks right or wrong. */
export const TEST_QUESTIONS = [
  { unit: 'u1', pertanyaan: 'Tahap pertama manajemen kasus adalah…', pilihan: ['Pendekatan awal', 'Terminasi', 'Rujukan'], jawaban: 0 },
  { unit: 'u1', pertanyaan: 'Asesmen menggali…', pilihan: ['Alamat saja', 'Kebutuhan dan risiko', 'Nomor KK'], jawaban: 1 },
  { unit: 'u2', pertanyaan: 'Data klien disimpan…', pilihan: ['Di grup obrolan', 'Di kertas', 'Di aplikasi resmi'], jawaban: 2 },
  { unit: 'u2', pertanyaan: 'Kata sandi dibagikan kepada…', pilihan: ['Tidak seorang pun', 'Rekan kerja', 'Keluarga'], jawaban: 0 },
];

/** Sets a pre- or post-test bank on `trainingId` (default: TEST_QUESTIONS, open from an hour ago for two hours). */
export async function buildTestBank(
  organiser: Session,
  trainingId: string,
  jenis: 'pre' | 'post',
  spec: { dibuka?: Date; ditutup?: Date; soal?: Array<Record<string, unknown>> } = {},
): Promise<TestBank> {
  const dibuka = spec.dibuka ?? new Date(Date.now() - 3_600_000);
  const response = await organiser.request({
    method: 'PUT',
    url: `/api/v1/trainings/${trainingId}/tests/${jenis}`,
    payload: {
      dibuka: dibuka.toISOString(),
      ditutup: (spec.ditutup ?? new Date(dibuka.getTime() + 7_200_000)).toISOString(),
      soal: spec.soal ?? TEST_QUESTIONS,
    },
  });
  if (response.statusCode !== 200) throw new Error(`test bank refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A participant's answers to a bank's questions: `right[i]` picks question i's key or a wrong choice. */
export function answersOf(questions: Array<{ id: string; pilihan: string[] }>, keys: number[], right: boolean[]) {
  return questions.map((q, i) => ({ soal: q.id, pilihan: right[i] ? keys[i]! : (keys[i]! + 1) % q.pilihan.length }));
}

/** How many rows `table` holds: equal before and after means a refused request stored nothing. */
export async function rowCount(ctx: TestContext, table: keyof DB): Promise<number> {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The details of the audit events `action` left on one entity, oldest first. */
export async function auditDetails(ctx: TestContext, action: string, entityId: string): Promise<Array<Record<string, unknown>>> {
  const rows = await ctx.database.db
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.details as Record<string, unknown>);
}

/** A posko's sheet as CSV, with the columns it names (issue 18's bulk registration). */
export function poskoCsv(rows: Array<Partial<Record<AffectedImportColumn, string>>>): string {
  const columns = AFFECTED_IMPORT_COLUMNS.filter((c) => rows.some((r) => r[c] !== undefined));
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n');
}

/** Uploads a posko sheet to the event, as the Korban tab does. */
export function uploadPosko(
  session: Session,
  disaster: Pick<DisasterRecord, 'id'>,
  body: string | Buffer,
  query = '',
  contentType = 'text/csv',
) {
  return session.request({
    method: 'POST',
    url: `/api/v1/disasters/${disaster.id}/affected/import${query}`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

/** Letters for a serial number: names with digits would all share one name key. */
const letters = (n: number): string => {
  let word = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) word = String.fromCharCode(97 + ((k - 1) % 26)) + word;
  return word.charAt(0).toUpperCase() + word.slice(1);
};

export interface RegistryFileSpec {
  /** Women of Kab. Banyuwangi with a valid NIK. */
  withNik: number;
  /** Men of the same village registered without NIK (a reason given instead). */
  withoutNik?: number;
  /** Rows refused for a village code that does not exist (WILAYAH_UNKNOWN). */
  refused?: number;
  /** Spreads the three kinds through the file (the refused every `every`-th line) instead of one after another. */
  every?: number;
}

/**
 * A registry import file (the contract's columns plus `alasan_tanpa_nik`) with exactly the rows a
 * test counts; each person distinct by NIK or by name. Returns the CSV and the lines of refused rows.
 */
export function registryCsv(spec: RegistryFileSpec): { csv: string; refusedLines: number[] } {
  const rows: string[] = [];
  const refusedLines: number[] = [];
  const kinds = [
    ...Array<string>(spec.withNik).fill('nik'),
    ...Array<string>(spec.withoutNik ?? 0).fill('tanpa'),
    ...Array<string>(spec.refused ?? 0).fill('refused'),
  ];
  const ordered = spec.every ? spread(kinds, spec.every) : kinds;
  ordered.forEach((kind, i) => {
    serial += 1;
    const nama = `${kind === 'tanpa' ? 'Budi' : 'Siti'} ${letters(serial)}`;
    if (kind === 'nik') rows.push(`${nikFor('35.10.01.2001', '1990-08-05', 'P', serial)},,${nama},P,,05/08/1990,,35.10.01.2001,24,,`);
    if (kind === 'tanpa') rows.push(`,,${nama},L,,05/08/1990,,35.10.01.2001,24,,tidak_punya_dokumen`);
    if (kind === 'refused') {
      rows.push(`${nikFor('35.10.01.2001', '1990-08-05', 'P', serial)},,${nama},P,,05/08/1990,,35.10.99.9999,24,,`);
      refusedLines.push(i + 2);
    }
  });
  return {
    csv: `nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon,alasan_tanpa_nik\n${rows.join('\n')}\n`,
    refusedLines,
  };
}

/** The refused rows (at the end of `kinds`) moved to every `every`-th place. */
function spread(kinds: string[], every: number): string[] {
  const refused = kinds.filter((k) => k === 'refused');
  const rest = kinds.filter((k) => k !== 'refused');
  const out: string[] = [];
  while (rest.length || refused.length) {
    out.push(...rest.splice(0, every - 1));
    if (refused.length) out.push(refused.shift()!);
  }
  return out;
}

/** A programme created by `organiser` (direktorat): by default two units building LDP and assessment. */
export async function buildProgramme(
  organiser: Session,
  spec: { kode?: string; nama?: string; units?: Array<Record<string, unknown>> } = {},
): Promise<TrainingProgramme> {
  const response = await organiser.request({
    method: 'POST',
    url: '/api/v1/training-programmes',
    payload: {
      kode: spec.kode ?? `prog-${randomUUID().slice(0, 8)}`,
      nama: spec.nama ?? 'Layanan Dukungan Psikososial',
      uraian: 'Kurikulum dasar LDP bagi pendamping.',
      units: spec.units ?? [
        {
          kode: 'pfa',
          nama: 'Pertolongan pertama psikologis',
          jp: 8,
          kompetensi: ['dukungan_psikososial'],
          tujuan: ['Peserta mampu memberi PFA.'],
        },
        { kode: 'asesmen', nama: 'Asesmen kebutuhan psikososial', jp: 6, kompetensi: ['asesmen', 'dukungan_psikososial'] },
      ],
    },
  });
  if (response.statusCode !== 201) throw new Error(`programme refused: ${response.statusCode} ${response.body}`);
  return response.json();
}

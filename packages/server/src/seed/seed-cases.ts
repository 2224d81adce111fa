import {
  CLOSE_REASONS,
  deriveStatus,
  nameSearchKey,
  PPKS,
  TAHAPAN_CODES,
  type CaseStatus,
  type CloseReason,
  type TahapanCode,
} from '@tuntas/domain';
import { sql } from 'kysely';
import { copyRows, type CopyValue } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { ageRangeFor, personName, PPKS_WEIGHTS } from './demo-population.js';
import { cumulativeWeights, Random } from './random.js';
import type { FieldWorker } from './seed-workforce.js';

const DAY = 86_400_000;
/** Days a case typically stays in each stage before moving on (min, max). */
const STAGE_DAYS: Readonly<Record<TahapanCode, [number, number]>> = {
  pendekatan_awal: [2, 21],
  asesmen: [5, 30],
  rencana: [3, 21],
  intervensi: [20, 150],
  resosialisasi: [10, 60],
  terminasi: [2, 21],
  bimbingan_lanjut: [30, 90],
};
const CLOSE_WEIGHTS = cumulativeWeights([5, 30, 20, 30, 10, 5]);

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((random.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const BENEFICIARY_COLUMNS = [
  'id',
  'nik',
  'no_kk',
  'nama',
  'nama_kunci',
  'jenis_kelamin',
  'tanggal_lahir',
  'alamat',
  'kode_desa',
  'provinsi',
  'kategori_ppks',
  'telepon',
  'disabilitas',
  'created_at',
  'updated_at',
];
const CASE_COLUMNS = [
  'id',
  'beneficiary_id',
  'ppks',
  'wilayah',
  'provinsi',
  'pendamping_id',
  'tahapan',
  'status',
  'tahapan_sejak',
  'ditutup_alasan',
  'diverifikasi_oleh',
  'diverifikasi_pada',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
];
const EVENT_COLUMNS = ['case_id', 'at', 'actor_id', 'actor_username', 'jenis', 'dari_tahapan', 'ke_tahapan', 'data'];

interface Built {
  beneficiaries: CopyValue[][];
  cases: CopyValue[][];
  events: CopyValue[][];
}

export interface SeedCasesOptions {
  scale: number;
  now: Date;
  workers: readonly FieldWorker[];
  /** Koordinator ids by province, who verify resolutions. */
  koordinators: ReadonlyMap<string, { id: string; username: string }>;
  workerNames: ReadonlyMap<string, string>;
  random: Random;
  batchSize?: number;
}

/**
 * People and their cases, with each case's history simulated stage by stage over the last 24
 * months, so the funnel, durations and backlog look like a real programme. Loaded with COPY in
 * batches; the next batch is generated while the previous one is being written.
 */
export async function seedCases(
  database: Database,
  options: SeedCasesOptions,
): Promise<{ beneficiaries: number; cases: number; events: number }> {
  const { random, now, workers } = options;
  const db = database.db;
  const villages = new Map<string, string[]>();
  for (const v of await db.selectFrom('wilayah').select('kode').where('tingkat', '=', 4).execute()) {
    const regency = v.kode.slice(0, 5);
    (villages.get(regency) ?? villages.set(regency, []).get(regency)!).push(v.kode);
  }
  const ppksCodes = PPKS.map((p) => p.kode);
  const ppksCumulative = cumulativeWeights(ppksCodes.map((c) => PPKS_WEIGHTS[c] ?? 1));
  const usedNik = new Set((await db.selectFrom('beneficiaries').select('nik').execute()).map((b) => b.nik));
  const start = now.getTime() - 730 * DAY;
  const batchSize = options.batchSize ?? 5000;
  const totals = { beneficiaries: 0, cases: 0, events: 0 };
  let built: Built = { beneficiaries: [], cases: [], events: [] };

  // Two connections at work: a batch's events load while the next batch's people and cases do
  // (events need their cases, cases their people). At most two batches wait in memory.
  let people: Promise<void> = Promise.resolve();
  let events: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = built;
    built = { beneficiaries: [], cases: [], events: [] };
    totals.beneficiaries += batch.beneficiaries.length;
    totals.cases += batch.cases.length;
    totals.events += batch.events.length;
    await people;
    people = (async () => {
      await copyRows(database, 'beneficiaries', BENEFICIARY_COLUMNS, batch.beneficiaries);
      await copyRows(database, 'cases', CASE_COLUMNS, batch.cases);
    })();
    const previousEvents = events;
    const casesStored = people;
    events = (async () => {
      await Promise.all([casesStored, previousEvents]);
      await copyRows(database, 'case_events', EVENT_COLUMNS, batch.events);
    })();
    people.catch(() => undefined); // surfaced by the next await
    events.catch(() => undefined);
  };

  for (let n = 0; n < options.scale; n++) {
    const worker = workers[n % workers.length]!;
    const village = random.pick(villages.get(worker.wilayah) ?? [worker.wilayah]);
    const ppks = random.weighted(ppksCodes, ppksCumulative);
    const created = new Date(start + random.next() * (now.getTime() - start));
    const [minAge, maxAge] = ageRangeFor(ppks);
    const birth = new Date(Date.UTC(created.getUTCFullYear() - random.int(minAge, maxAge), random.int(0, 11), random.int(1, 28)));
    const female = random.chance(ppks === '23' ? 1 : 0.5);
    const district = village.replace(/\./g, '').slice(0, 6);
    const ddmmyy = `${pad(birth.getUTCDate() + (female ? 40 : 0))}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCFullYear() % 100)}`;
    let serial = random.int(1, 9999);
    let nik = `${district}${ddmmyy}${pad(serial, 4)}`;
    while (usedNik.has(nik)) nik = `${district}${ddmmyy}${pad((serial = (serial % 9999) + 1), 4)}`;
    usedNik.add(nik);
    const nama = personName(random, female);
    const beneficiaryId = uuid(random);
    built.beneficiaries.push([
      beneficiaryId,
      nik,
      `${district}${pad(random.int(1, 28))}${pad(random.int(1, 12))}${pad(random.int(5, 24))}${pad(random.int(1, 9999), 4)}`,
      nama,
      nameSearchKey(nama),
      female ? 'P' : 'L',
      isoDate(birth),
      `RT ${pad(random.int(1, 15), 3)}/RW ${pad(random.int(1, 9), 3)}`,
      village,
      village.slice(0, 2),
      ppks,
      random.chance(0.6) ? `08${random.int(11, 59)}${pad(random.int(0, 99_999_999), 8)}` : null,
      ppks === '05' || ppks === '09' ? random.pick(['fisik', 'sensorik netra', 'sensorik rungu', 'intelektual', 'mental']) : null,
      created,
      created,
    ]);

    const caseId = uuid(random);
    const workerName = options.workerNames.get(worker.id) ?? null;
    const koordinator = options.koordinators.get(village.slice(0, 2));
    const event = (
      at: Date,
      jenis: string,
      dari: TahapanCode | null,
      ke: TahapanCode | null,
      data: Record<string, unknown> | null = null,
      actor = { id: worker.id, username: workerName },
    ) => built.events.push([caseId, at, actor.id, actor.username, jenis, dari, ke, data ? JSON.stringify(data) : null]);

    // Walk the stages until today: each stage lasts its usual time, scaled by how busy this case's pendamping is.
    const pace = 0.6 + random.next() * 1.9;
    let stage = 0;
    let at = created;
    let verifiedAt: Date | null = null;
    let closeReason: CloseReason | null = null;
    let stageSince = created;
    event(created, 'dibuat', null, 'pendekatan_awal', { ppks });
    for (;;) {
      const tahapan = TAHAPAN_CODES[stage]!;
      const [lo, hi] = STAGE_DAYS[tahapan];
      const next = new Date(at.getTime() + random.int(lo, hi) * pace * DAY);
      if (next > now || tahapan === 'bimbingan_lanjut') break;
      if (tahapan !== 'terminasi' && random.chance(0.025)) {
        closeReason = random.weighted(CLOSE_REASONS, CLOSE_WEIGHTS);
        event(next, 'ditutup', tahapan, null, { alasan: closeReason });
        at = next;
        break;
      }
      if (tahapan === 'terminasi' && verifiedAt === null) {
        if (!koordinator || random.chance(0.08)) break; // still waiting for the koordinator
        verifiedAt = next;
        event(next, 'diverifikasi', tahapan, tahapan, null, koordinator);
        at = next;
        if (random.chance(0.3)) break; // resolved, no follow-up scheduled yet
        continue;
      }
      stage += 1;
      event(next, 'tahapan', tahapan, TAHAPAN_CODES[stage]!);
      at = next;
      stageSince = next;
    }
    const tahapan = TAHAPAN_CODES[stage]!;
    const status: CaseStatus = deriveStatus({ tahapan, closed: closeReason !== null, verified: verifiedAt !== null });
    built.cases.push([
      caseId,
      beneficiaryId,
      ppks,
      village,
      village.slice(0, 2),
      worker.id,
      tahapan,
      status,
      stageSince,
      closeReason,
      verifiedAt ? (koordinator?.id ?? null) : null,
      verifiedAt,
      created,
      at,
      worker.id,
      worker.id,
    ]);
    if (built.cases.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all([people, events]);
  // Fresh statistics, or the planner guesses on a million rows it has never seen (autovacuum may
  // take minutes to get there).
  await sql`analyze beneficiaries, cases, case_events`.execute(db);
  return totals;
}

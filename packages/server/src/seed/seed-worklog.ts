import { getIslands } from 'idn-area-data';
import { IANA_ZONE, PROVINCE_CAPITALS, provinceOf, workingDays, zonaWaktu, type ActivityType } from '@tuntas/domain';
import { copyRows, type CopyValue } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { loadCalendar } from '../workforce/working-calendar.js';
import type { Random } from './random.js';
import type { FieldWorker } from './seed-workforce.js';

const DAY = 86_400_000;
const UTC_OFFSET_HOURS = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 } as Record<string, number>;

const ATTENDANCE_COLUMNS = [
  'user_id',
  'wilayah',
  'tanggal',
  'status',
  'masuk_at',
  'masuk_lat',
  'masuk_lng',
  'masuk_akurasi',
  'masuk_jarak_km',
  'pulang_at',
  'pulang_lat',
  'pulang_lng',
  'pulang_akurasi',
  'pulang_jarak_km',
  'terlambat',
  'pulang_cepat',
  'jauh',
  'catatan',
  'persetujuan',
  'ditinjau_oleh',
  'ditinjau_pada',
];
const ACTIVITY_COLUMNS = [
  'user_id',
  'wilayah',
  'tanggal',
  'jenis',
  'durasi_menit',
  'uraian',
  'status',
  'sumber',
  'diajukan_pada',
  'ditinjau_oleh',
  'ditinjau_pada',
  'created_at',
  'updated_at',
];
const PROFILE_COLUMNS = [
  'user_id',
  'nip',
  'jenis_asn',
  'kontrak_mulai',
  'kontrak_selesai',
  'atasan_id',
  'kompetensi',
  'lokasi_lat',
  'lokasi_lng',
  'radius_km',
];

/** Field work dominates a pendamping's day; paperwork and training less so. */
const ACTIVITY_MIX: Array<[ActivityType, number, string]> = [
  ['kunjungan_rumah', 30, 'Kunjungan rumah dan pemantauan kondisi PPKS'],
  ['asesmen', 14, 'Asesmen lanjutan bersama keluarga'],
  ['dukungan_psikososial', 14, 'Dukungan psikososial (LDP) individu/kelompok'],
  ['pendampingan_rujukan', 8, 'Pendampingan rujukan ke layanan'],
  ['koordinasi_lintas_sektor', 10, 'Koordinasi dengan dinas sosial, puskesmas dan desa'],
  ['temu_bahas_kasus', 6, 'Temu bahas kasus'],
  ['administrasi', 15, 'Administrasi dan pelaporan'],
  ['pelatihan', 3, 'Pelatihan / bimbingan teknis'],
];
const COMPETENCIES = [
  'Asesmen psikososial',
  'Manajemen kasus',
  'Layanan dukungan psikososial (LDP)',
  'Perlindungan anak',
  'Konseling adiksi',
  'Penanganan korban kekerasan',
  'Respons bencana',
];

const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `03°19'03.44" N 097°07'41.73" E` → decimal degrees. */
function parseCoordinate(text: string): { lat: number; lng: number } | null {
  const m = /(\d+)°(\d+)'([\d.]+)"\s*([NS])\s+(\d+)°(\d+)'([\d.]+)"\s*([EW])/.exec(text);
  if (!m) return null;
  const deg = (d: string, mi: string, s: string, sign: string, neg: string) =>
    (Number(d) + Number(mi) / 60 + Number(s) / 3600) * (sign === neg ? -1 : 1);
  return { lat: deg(m[1]!, m[2]!, m[3]!, m[4]!, 'S'), lng: deg(m[5]!, m[6]!, m[7]!, m[8]!, 'W') };
}

/**
 * A point inside each regency's reach, for seeded duty locations: the mean of the regency's
 * islands in the Kemendagri island list (282 of 514 regencies have some), else the province
 * capital. Real duty locations are set by the koordinator in the profile.
 */
async function regencyAnchors(): Promise<Map<string, { lat: number; lng: number }>> {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const island of await getIslands()) {
    const at = parseCoordinate(island.coordinate);
    if (!at) continue;
    const s = sums.get(island.regency_code) ?? { lat: 0, lng: 0, n: 0 };
    sums.set(island.regency_code, { lat: s.lat + at.lat, lng: s.lng + at.lng, n: s.n + 1 });
  }
  return new Map([...sums].map(([code, s]) => [code, { lat: s.lat / s.n, lng: s.lng / s.n }]));
}

export interface WorklogOptions {
  workers: readonly FieldWorker[];
  koordinators: ReadonlyMap<string, { id: string }>;
  now: Date;
  /** Months of history before today (today itself is left for the demo user). */
  months: number;
  random: Random;
}

export interface WorklogTotals {
  attendance: number;
  activities: number;
}

/**
 * A year (by default) of presensi and daily reports for the 635 pendamping, and their profiles:
 * ~93% of working days present (some late, a few far afield), approved leave, ~2.6 entries a day,
 * everything older than a week approved and the last week waiting in the koordinators' inboxes.
 */
export async function seedWorklog(database: Database, options: WorklogOptions): Promise<WorklogTotals> {
  const { workers, koordinators, now, random } = options;
  const today = dateOf(now.getTime());
  const from = dateOf(now.getTime() - Math.round(options.months * 30.44) * DAY);
  const until = dateOf(now.getTime() - DAY);
  // No presensi on holidays and cuti bersama: the calendar the server keeps.
  const days = workingDays(from, until, await loadCalendar(database.db, from, until));
  const weekAgo = dateOf(now.getTime() - 7 * DAY);

  const profiles: CopyValue[][] = [];
  const nips = new Set<string>();
  const duty = new Map<string, { lat: number; lng: number }>();
  const anchors = await regencyAnchors();
  for (const w of workers) {
    const anchor = anchors.get(w.wilayah.slice(0, 5)) ?? PROVINCE_CAPITALS[provinceOf(w.wilayah)]!;
    const spot = { lat: anchor.lat + (random.next() - 0.5) * 0.1, lng: anchor.lng + (random.next() - 0.5) * 0.1 };
    duty.set(w.id, spot);
    let nip: string;
    do {
      const birth = `${random.int(1975, 1998)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
      // NI PPPK: birth date, year of appointment, `21` (not a month), sex, serial (see domain/nip.ts).
      nip = `${birth}${random.int(2019, 2024)}21${random.chance(0.55) ? 2 : 1}${String(random.int(1, 999)).padStart(3, '0')}`;
    } while (nips.has(nip));
    nips.add(nip);
    const skills = COMPETENCIES.filter(() => random.chance(0.35));
    profiles.push([
      w.id,
      nip,
      'pppk',
      `${today.slice(0, 4)}-01-01`,
      `${Number(today.slice(0, 4)) + 1}-12-31`,
      koordinators.get(provinceOf(w.wilayah))?.id ?? null,
      `{${skills.map((s) => `"${s}"`).join(',')}}`,
      spot.lat,
      spot.lng,
      60,
    ]);
  }
  await copyRows(database, 'pendamping_profiles', PROFILE_COLUMNS, profiles);

  const mix = ACTIVITY_MIX.map(([, w]) => w);
  const cumulative = mix.map((_, i) => mix.slice(0, i + 1).reduce((a, b) => a + b, 0));
  let attendance: CopyValue[][] = [];
  let activities: CopyValue[][] = [];
  const totals: WorklogTotals = { attendance: 0, activities: 0 };
  const flush = async (force: boolean) => {
    if (attendance.length >= 20_000 || (force && attendance.length)) {
      await copyRows(database, 'attendance', ATTENDANCE_COLUMNS, attendance);
      totals.attendance += attendance.length;
      attendance = [];
    }
    if (activities.length >= 20_000 || (force && activities.length)) {
      await copyRows(database, 'activities', ACTIVITY_COLUMNS, activities);
      totals.activities += activities.length;
      activities = [];
    }
  };

  for (const w of workers) {
    const zone = IANA_ZONE[zonaWaktu(w.wilayah)];
    const offset = UTC_OFFSET_HOURS[zone]! * 3600_000;
    const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 - offset);
    const spot = duty.get(w.id)!;
    const reviewer = koordinators.get(provinceOf(w.wilayah))?.id ?? null;
    const diligence = 0.85 + random.next() * 0.13; // people differ
    for (const day of days) {
      const roll = random.next();
      if (roll > diligence + 0.05) continue; // no record: tanpa keterangan
      if (roll > diligence) {
        const status = random.pick(['izin', 'sakit', 'cuti'] as const);
        attendance.push([
          w.id,
          w.wilayah,
          day,
          status,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          false,
          false,
          false,
          status === 'sakit' ? 'Sakit, surat dokter menyusul' : 'Keperluan keluarga',
          'disetujui',
          reviewer,
          at(day, 9 * 60),
        ]);
        continue;
      }
      const dinas = random.chance(0.04);
      const masuk = random.int(6 * 60 + 50, 7 * 60 + 25) + (random.chance(0.12) ? random.int(6, 75) : 0);
      const pulang = random.int(16 * 60 + 30, 17 * 60 + 30) - (random.chance(0.05) ? random.int(40, 120) : 0);
      const far = dinas || random.chance(0.03);
      const lat = spot.lat + (far ? 0.6 : (random.next() - 0.5) * 0.1);
      const lng = spot.lng + (far ? 0.6 : (random.next() - 0.5) * 0.1);
      const isFriday = new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
      attendance.push([
        w.id,
        w.wilayah,
        day,
        dinas ? 'dinas_luar' : 'hadir',
        at(day, masuk),
        lat,
        lng,
        random.int(5, 40),
        far ? 93 : random.int(0, 8),
        at(day, pulang),
        lat,
        lng,
        random.int(5, 40),
        far ? 93 : random.int(0, 8),
        !dinas && masuk > 7 * 60 + 30,
        pulang < (isFriday ? 16 * 60 + 30 : 16 * 60),
        far,
        null,
        null,
        null,
        null,
      ]);
      const entries = random.int(1, 4);
      let clock = masuk + 15;
      for (let e = 0; e < entries; e++) {
        const [jenis, , uraian] = ACTIVITY_MIX[ACTIVITY_MIX.indexOf(random.weighted(ACTIVITY_MIX, cumulative))]!;
        const durasi = random.int(3, 16) * 15;
        clock += durasi;
        const recent = day >= weekAgo;
        const status = recent ? (random.chance(0.8) ? 'diajukan' : 'draf') : 'disetujui';
        const submitted = status === 'draf' ? null : at(day, pulang);
        activities.push([
          w.id,
          w.wilayah,
          day,
          jenis,
          durasi,
          uraian,
          status,
          'manual',
          submitted,
          status === 'disetujui' ? reviewer : null,
          status === 'disetujui' ? new Date(at(day, pulang).getTime() + random.int(1, 4) * DAY) : null,
          at(day, Math.min(clock, 23 * 60)),
          at(day, pulang),
        ]);
      }
      await flush(false);
    }
  }
  await flush(true);
  return totals;
}

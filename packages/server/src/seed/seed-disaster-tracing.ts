import { randomUUID } from 'node:crypto';
import {
  kunciBast,
  nameSearchKey,
  type AlasanTutupPenelusuran,
  type HubunganPelapor,
  type JenisBantuan,
  type JenisPenelusuran,
  type KondisiKorban,
} from '@tuntas/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays, DAY } from './disaster-seed-helpers.js';
import type { Random } from './random.js';
import type { EventSpec } from './seed-disasters.js';

/**
 * Family tracing and aid for a demo event (issue 18): a handful of sought and found people in every
 * state — among them a sought child and a found child that are very likely one (same village,
 * similar names and ages, both still open: the demo's "Kemungkinan cocok"), recorded by the first
 * recorder (the deployed demo account in Jakarta) so that account can confirm it — and aid handed
 * over to households and to the injured, each against its BAST number (one number, one recipient).
 */

export interface TracingSeedInput {
  disasterId: string;
  /** The event's start and last day, its areas, shelters and recorders (the first records the likely match). */
  spec: Pick<EventSpec, 'mulai' | 'lastDay' | 'wilayah' | 'shelters' | 'recorders'>;
  now: Date;
  /** Villages of the shelters, in order; the first is where the likely match was seen and found. */
  villages: string[];
  affected: ReadonlyArray<{ id: string; keluarga_id?: string | null; kondisi: KondisiKorban }>;
  /** Tracing records too (the active event); aid is seeded for every event. */
  tracing: boolean;
}

interface Person {
  jenis: JenisPenelusuran;
  nama: string | null;
  jk: 'L' | 'P';
  umur: number;
  tempat: string;
  ciri?: string;
  pelapor?: { nama: string; hubungan: HubunganPelapor; kontak: string };
}

type Outcome =
  | { status: 'terbuka' }
  | { status: 'cocok' }
  | { status: 'dipersatukan'; tempat: string; kepada: string }
  | { status: 'ditutup'; alasan: AlasanTutupPenelusuran; catatan: string | null };

export async function seedTracingAndAid(
  trx: Kysely<DB>,
  input: TracingSeedInput,
  random: Random,
): Promise<{ tracing: number; aid: number }> {
  const { disasterId, now } = input;
  const { mulai, lastDay } = input.spec;
  const bastTag = `RSKBK-${input.spec.wilayah[0]!.replace('.', '')}`;
  const days = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(mulai)) / DAY) + 1);
  /** A moment on day `d` of the event (WIB), never after now. */
  const moment = (d: number, hour: number) => {
    const when = new Date(Date.parse(`${addDays(mulai, Math.min(d, days - 1))}T00:00:00Z`) + (hour - 7) * 3_600_000);
    return when > now ? new Date(now.getTime() - random.int(5, 90) * 60_000) : when;
  };
  const dayOf = (d: number) => addDays(mulai, Math.min(d, days - 1));
  const recorder = (i: number) => input.spec.recorders[i % input.spec.recorders.length] ?? null;
  const village = (i: number) => input.villages[i % input.villages.length] ?? null;
  const shelter = (i: number) => input.spec.shelters[i % input.spec.shelters.length]?.nama ?? 'posko';

  const rows: Array<Insertable<DB['disaster_tracing']>> = [];
  const reunions: Array<Insertable<DB['disaster_reunifications']>> = [];
  const record = (p: Person, arah: 'dicari' | 'ditemukan', day: number, by: string | null, desa: string | null) => {
    const id = randomUUID();
    rows.push({
      id,
      disaster_id: disasterId,
      jenis: p.jenis,
      arah,
      nama: p.nama,
      nama_kunci: p.nama === null ? null : nameSearchKey(p.nama),
      jenis_kelamin: p.jk,
      tanggal_lahir: null,
      perkiraan_umur: p.umur,
      kode_desa: desa,
      tempat: p.tempat,
      ciri_ciri: p.ciri ?? null,
      tanggal: dayOf(day),
      affected_id: null,
      pelapor_nama: arah === 'dicari' ? (p.pelapor?.nama ?? null) : null,
      pelapor_kontak: arah === 'dicari' ? (p.pelapor?.kontak ?? null) : null,
      pelapor_hubungan: arah === 'dicari' ? (p.pelapor?.hubungan ?? null) : null,
      pasangan_id: null,
      cocok_oleh: null,
      cocok_pada: null,
      alasan_tutup: null,
      catatan_tutup: null,
      ditutup_oleh: null,
      ditutup_pada: null,
      dipersatukan_pada: null,
      dicatat_oleh: by,
      dicatat_pada: moment(day, random.int(8, 18)),
    });
    return rows.at(-1)!;
  };
  /** A sought and a found record of one person, moved on as far as `outcome`. */
  const pair = (sought: Person, found: Person, day: number, i: number, outcome: Outcome) => {
    const a = record(sought, 'dicari', day, recorder(i), village(i));
    const b = record(found, 'ditemukan', day + 1, recorder(i + 1), village(i));
    if (outcome.status === 'terbuka') return;
    const matched = moment(day + 1, 19);
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const)
      Object.assign(me, { status: 'cocok', pasangan_id: other.id, cocok_oleh: recorder(i), cocok_pada: matched, version: 2 });
    if (outcome.status !== 'dipersatukan') return;
    const reunited = moment(day + 2, 11);
    for (const me of [a, b]) Object.assign(me, { status: 'dipersatukan', dipersatukan_pada: reunited, version: 3 });
    reunions.push({
      disaster_id: disasterId,
      dicari_id: a.id!,
      ditemukan_id: b.id!,
      tanggal: dayOf(day + 2),
      tempat: outcome.tempat,
      diserahkan_kepada: outcome.kepada,
      catatan: 'Diverifikasi dengan foto keluarga dan pertanyaan pengenal.',
      dicatat_oleh: recorder(i),
      dicatat_pada: reunited,
    });
  };
  const closed = (p: Person, day: number, i: number, outcome: Extract<Outcome, { status: 'ditutup' }>) => {
    const r = record(p, p.pelapor ? 'dicari' : 'ditemukan', day, recorder(i), village(i));
    Object.assign(r, {
      status: 'ditutup',
      alasan_tutup: outcome.alasan,
      catatan_tutup: outcome.catatan,
      ditutup_oleh: recorder(i),
      ditutup_pada: moment(day + 2, 15),
      version: 2,
    });
  };
  const phone = () => `08${random.int(11, 59)}${random.int(1000_0000, 9999_9999)}`;

  function seedStories() {
    // The likely match: the same boy, sought by his mother and found at a shelter, both open.
    record(
      {
        jenis: 'anak_terpisah',
        nama: 'Muhammad Rizky Pratama',
        jk: 'L',
        umur: 7,
        tempat: 'Terakhir terlihat di jembatan dekat rumah saat air naik',
        ciri: 'Kaus biru bergambar mobil, celana pendek hitam',
        pelapor: { nama: 'Siti Nurhaliza', hubungan: 'orang_tua', kontak: phone() },
      },
      'dicari',
      1,
      recorder(0),
      village(0),
    );
    record(
      {
        jenis: 'anak_tanpa_pendamping',
        nama: 'Rizki Pratama',
        jk: 'L',
        umur: 8,
        tempat: shelter(0),
        ciri: 'Kaus biru, menyebut nama ibunya "Bu Siti"',
      },
      'ditemukan',
      2,
      recorder(0),
      village(0),
    );
    pair(
      {
        jenis: 'anak_terpisah',
        nama: 'Aisyah Putri Ramadhani',
        jk: 'P',
        umur: 5,
        tempat: 'Pasar',
        pelapor: { nama: 'Ahmad Fauzi', hubungan: 'orang_tua', kontak: phone() },
      },
      { jenis: 'anak_terpisah', nama: 'Aisyah Putri', jk: 'P', umur: 5, tempat: shelter(1) },
      0,
      1,
      { status: 'dipersatukan', tempat: shelter(1), kepada: 'Ahmad Fauzi (ayah kandung)' },
    );
    pair(
      {
        jenis: 'anak_terpisah',
        nama: 'Dewi Lestari',
        jk: 'P',
        umur: 10,
        tempat: 'Sekolah',
        pelapor: { nama: 'Sri Wahyuni', hubungan: 'kakek_nenek', kontak: phone() },
      },
      { jenis: 'anak_terpisah', nama: 'Dewi Lestari', jk: 'P', umur: 11, tempat: shelter(2) },
      1,
      2,
      { status: 'cocok' },
    );
    record(
      {
        jenis: 'orang_hilang',
        nama: 'Slamet Riyadi',
        jk: 'L',
        umur: 67,
        tempat: 'Rumah, saat evakuasi malam hari',
        ciri: 'Berjalan dengan tongkat, memakai peci hitam',
        pelapor: { nama: 'Budi Santoso', hubungan: 'tetangga', kontak: phone() },
      },
      'dicari',
      0,
      recorder(3),
      village(3),
    );
    record(
      {
        jenis: 'anak_tanpa_pendamping',
        nama: null,
        jk: 'P',
        umur: 3,
        tempat: shelter(1),
        ciri: 'Kaus merah muda, gelang manik-manik kuning',
      },
      'ditemukan',
      2,
      recorder(4),
      village(1),
    );
    closed(
      {
        jenis: 'orang_hilang',
        nama: 'Suparman',
        jk: 'L',
        umur: 45,
        tempat: 'Bantaran kali',
        pelapor: { nama: 'Sumiati', hubungan: 'lainnya', kontak: phone() },
      },
      0,
      5,
      { status: 'ditutup', alasan: 'ditemukan_meninggal', catatan: 'Dikonfirmasi tim SAR gabungan.' },
    );
  }
  if (input.tracing) seedStories();
  if (rows.length) await trx.insertInto('disaster_tracing').values(rows).execute();
  if (reunions.length) await trx.insertInto('disaster_reunifications').values(reunions).execute();

  // Aid: food and clothes to households, compensation to the injured; two items on some BASTs.
  const households = input.affected.filter((a) => a.keluarga_id === a.id).slice(0, 24);
  const injured = input.affected.filter((a) => a.kondisi === 'luka').slice(0, 4);
  const aid: Array<Insertable<DB['disaster_aid']>> = [];
  const basts: Array<Insertable<DB['disaster_aid_bast']>> = [];
  const month = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  let n = 0;
  const handOver = (
    recipient: { affected_id: string | null; keluarga_id: string | null },
    items: Array<{ jenis: JenisBantuan; uraian: string; nilai: number; jumlah?: number; satuan?: string }>,
  ) => {
    const d = random.int(Math.min(1, days - 1), days - 1);
    const tanggal = dayOf(d);
    const nomor = `BAST/${String(++n).padStart(3, '0')}/${bastTag}/${month[Number(tanggal.slice(5, 7)) - 1]}/${tanggal.slice(0, 4)}`;
    basts.push({ disaster_id: disasterId, kunci: kunciBast(nomor), ...recipient });
    for (const item of items)
      aid.push({
        disaster_id: disasterId,
        jenis: item.jenis,
        uraian: item.uraian,
        nilai_rupiah: item.nilai,
        jumlah: item.jumlah ?? 1,
        satuan: item.satuan ?? null,
        ...recipient,
        nomor_bast: nomor,
        bast_kunci: kunciBast(nomor),
        tanggal,
        diserahkan_oleh: 'Tim Logistik Kementerian Sosial',
        dicatat_oleh: recorder(n),
        dicatat_pada: moment(d, random.int(9, 17)),
      });
  };
  for (const [i, h] of households.entries())
    handOver({ affected_id: null, keluarga_id: h.id }, [
      { jenis: 'permakanan', uraian: 'Paket sembako keluarga (beras 10 kg, minyak, gula, mi instan)', nilai: 350_000, satuan: 'paket' },
      ...(i % 3 === 0
        ? [{ jenis: 'sandang' as const, uraian: 'Paket sandang dan selimut', nilai: 275_000, jumlah: 2, satuan: 'paket' }]
        : []),
    ]);
  for (const p of injured)
    handOver({ affected_id: p.id, keluarga_id: null }, [{ jenis: 'santunan_luka', uraian: 'Santunan korban luka', nilai: 2_500_000 }]);
  if (basts.length) {
    await trx.insertInto('disaster_aid_bast').values(basts).execute();
    await trx.insertInto('disaster_aid').values(aid).execute();
  }
  return { tracing: rows.length, aid: aid.length };
}

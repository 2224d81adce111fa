import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Random } from './random.js';

/**
 * The demo's training programmes (issue 22): the curriculum of the Surabaya event's three themes,
 * of LDP and of TPPO, from which its three events were created; the Surabaya event's trainers
 * and its participants' anonymous evaluations.
 */

interface SeedUnit {
  kode: string;
  nama: string;
  jp: number;
  kompetensi: string[];
  tujuan: string[];
}

interface SeedProgramme {
  kode: string;
  nama: string;
  uraian: string;
  units: SeedUnit[];
}

export const REHSOS_PROGRAMME: SeedProgramme = {
  kode: 'kapasitas-rehsos',
  nama: 'Peningkatan Kapasitas Pendamping Rehabilitasi Sosial',
  uraian:
    'Tiga tema pokok bagi pendamping rehabilitasi sosial: manajemen rehabilitasi sosial, alur kerja berbasis ilmu pekerjaan sosial, dan teknologi komunikasi dalam pelayanan.',
  units: [
    {
      kode: 'rehsos',
      nama: 'Manajemen rehabilitasi sosial',
      jp: 10,
      kompetensi: ['manajemen_kasus', 'asesmen'],
      tujuan: [
        'Peserta mampu menjelaskan tahapan rehabilitasi sosial dari pendekatan awal sampai terminasi.',
        'Peserta mampu menyusun rencana intervensi bersama PPKS.',
      ],
    },
    {
      kode: 'alur',
      nama: 'Manajemen alur kerja berbasis ilmu pekerjaan sosial',
      jp: 10,
      kompetensi: ['manajemen_kasus', 'asesmen'],
      tujuan: [
        'Peserta mampu menerapkan asesmen dan konferensi kasus sesuai kaidah pekerjaan sosial.',
        'Peserta mampu merujuk kasus dan memantau tindak lanjutnya.',
      ],
    },
    {
      kode: 'tik',
      nama: 'Manajemen teknologi komunikasi',
      jp: 10,
      kompetensi: ['teknologi_komunikasi'],
      tujuan: ['Peserta mampu mencatat layanan di aplikasi resmi dan menjaga kerahasiaan data klien.'],
    },
  ],
};

export const LDP_PROGRAMME: SeedProgramme = {
  kode: 'ldp',
  nama: 'Layanan Dukungan Psikososial (LDP) bagi Pendamping',
  uraian: 'Dukungan psikososial bagi PPKS, korban bencana, anak dan keluarga: pertolongan pertama psikologis sampai rujukan.',
  units: [
    {
      kode: 'pfa',
      nama: 'Pertolongan pertama psikologis',
      jp: 8,
      kompetensi: ['dukungan_psikososial'],
      tujuan: ['Peserta mampu memberi pertolongan pertama psikologis: melihat, mendengar, menghubungkan.'],
    },
    {
      kode: 'ldp-bencana',
      nama: 'LDP dalam situasi bencana',
      jp: 8,
      kompetensi: ['dukungan_psikososial', 'respons_bencana'],
      tujuan: ['Peserta mampu menyelenggarakan sesi LDP kelompok di pengungsian.'],
    },
    {
      kode: 'ldp-anak',
      nama: 'LDP bagi anak dan keluarga',
      jp: 8,
      kompetensi: ['dukungan_psikososial', 'perlindungan_anak'],
      tujuan: ['Peserta mampu mendampingi anak dan keluarga dengan memperhatikan kepentingan terbaik anak.'],
    },
  ],
};

export const TPPO_PROGRAMME: SeedProgramme = {
  kode: 'tppo',
  nama: 'Penanganan Korban Tindak Pidana Perdagangan Orang',
  uraian: 'Identifikasi, asesmen, pemulangan dan reintegrasi sosial korban TPPO.',
  units: [
    {
      kode: 'identifikasi',
      nama: 'Identifikasi dan asesmen korban TPPO',
      jp: 8,
      kompetensi: ['korban_perdagangan_orang', 'asesmen'],
      tujuan: ['Peserta mampu mengenali tanda-tanda korban perdagangan orang dan melakukan asesmen awal.'],
    },
    {
      kode: 'reintegrasi',
      nama: 'Pemulangan dan reintegrasi sosial',
      jp: 8,
      kompetensi: ['korban_perdagangan_orang'],
      tujuan: ['Peserta mampu merencanakan pemulangan dan reintegrasi korban bersama keluarga dan layanan setempat.'],
    },
  ],
};

/** A programme's units as an event's, with the day of each (by position). */
export const unitsOn = (p: SeedProgramme, days: string[]) =>
  p.units.map(({ kode, nama, jp, kompetensi }, i) => ({ kode, nama, jp, kompetensi, tanggal: days[i] ?? null }));

/** Inserts the three programmes; their ids in the order given. */
export async function seedProgrammes(trx: Kysely<DB>, by: string | null): Promise<string[]> {
  const all = [REHSOS_PROGRAMME, LDP_PROGRAMME, TPPO_PROGRAMME];
  const rows = await trx
    .insertInto('training_programmes')
    .values(all.map((p) => ({ kode: p.kode, nama: p.nama, uraian: p.uraian, created_by: by })))
    .returning(['id', 'kode'])
    .execute();
  const ids = all.map((p) => rows.find((r) => r.kode === p.kode)!.id);
  await trx
    .insertInto('training_programme_units')
    .values(all.flatMap((p, k) => p.units.map((u, i) => ({ programme_id: ids[k]!, urutan: i + 1, ...u }))))
    .execute();
  return ids;
}

const SURABAYA_TRAINERS = [
  { nama: 'Dr. Sri Wahyuni, M.Si.', instansi: 'Politeknik Kesejahteraan Sosial Bandung', units: ['rehsos'] },
  { nama: 'Drs. Bambang Priyono, M.Kesos.', instansi: 'Direktorat Jenderal Rehabilitasi Sosial', units: ['alur'] },
  { nama: 'Rizky Ananda, S.Kom.', instansi: 'Pusat Data dan Informasi Kesejahteraan Sosial', units: ['tik'] },
];

const COMMENTS = [
  'Materi langsung bisa dipakai untuk kasus di lapangan.',
  'Waktu praktik asesmen perlu ditambah.',
  'Contoh kasusnya dekat dengan pekerjaan sehari-hari.',
  'Sesi aplikasi sangat membantu, tetapi jaringan hotel lambat.',
  'Mohon materi dibagikan sebelum pelatihan.',
];

/**
 * The Surabaya event's trainers, and evaluations from most of those who attended: the markers of
 * who evaluated, and the ratings in random order with no person attached.
 */
export async function seedSurabayaEvaluations(trx: Kysely<DB>, trainingId: string, attended: string[], random: Random): Promise<void> {
  const trainers = await trx
    .insertInto('training_trainers')
    .values(SURABAYA_TRAINERS.map((t, i) => ({ training_id: trainingId, urutan: i + 1, ...t })))
    .returning('id')
    .execute();
  const raters = attended.filter((_, i) => i % 5 !== 3);
  if (raters.length === 0) return;
  await trx
    .insertInto('training_evaluators')
    .values(raters.map((user_id) => ({ training_id: trainingId, user_id })))
    .execute();
  const ratings = raters.flatMap((_, i) => [
    {
      training_id: trainingId,
      trainer_id: null,
      nilai: random.int(3, 5),
      komentar: i % 4 === 0 ? COMMENTS[(i / 4) % COMMENTS.length]! : null,
    },
    ...trainers.map((t, k) => ({ training_id: trainingId, trainer_id: t.id, nilai: random.int(k === 2 ? 3 : 4, 5), komentar: null })),
  ]);
  const shuffled = ratings
    .map((r) => ({ r, k: random.int(0, 1_000_000) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
  await trx.insertInto('training_ratings').values(shuffled).execute();
}

import { nilaiTes, type TestJenis } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Random } from './random.js';

interface Question {
  unit: string;
  pertanyaan: string;
  pilihan: string[];
  jawaban: number;
}

/** The Surabaya event's bank: ten questions over its three themes, the same before and after. */
export const SURABAYA_BANK: Question[] = [
  {
    unit: 'rehsos',
    pertanyaan: 'Tahap pertama rehabilitasi sosial bagi PPKS adalah…',
    pilihan: ['Pendekatan awal', 'Resosialisasi', 'Terminasi', 'Bimbingan lanjut'],
    jawaban: 0,
  },
  {
    unit: 'rehsos',
    pertanyaan: 'Rencana intervensi disusun berdasarkan…',
    pilihan: ['Permintaan keluarga saja', 'Hasil asesmen', 'Anggaran tahun lalu', 'Jumlah kasus wilayah'],
    jawaban: 1,
  },
  {
    unit: 'rehsos',
    pertanyaan: 'Terminasi dilakukan ketika…',
    pilihan: [
      'Pendamping pindah tugas',
      'Tujuan rencana intervensi tercapai',
      'Klien tidak dapat dihubungi sehari',
      'Akhir tahun anggaran',
    ],
    jawaban: 1,
  },
  {
    unit: 'alur',
    pertanyaan: 'Konferensi kasus diadakan untuk…',
    pilihan: ['Memutuskan bersama layanan bagi kasus yang rumit', 'Mengganti pendamping', 'Menutup kasus lama', 'Mengisi absensi'],
    jawaban: 0,
  },
  {
    unit: 'alur',
    pertanyaan: 'Rujukan ke lembaga lain dicatat dengan…',
    pilihan: ['Pesan pribadi', 'Alasan, layanan yang diminta dan tindak lanjutnya', 'Nama lembaga saja', 'Tidak perlu dicatat'],
    jawaban: 1,
  },
  {
    unit: 'alur',
    pertanyaan: 'Prinsip kepentingan terbaik anak berarti…',
    pilihan: [
      'Keputusan mengikuti orang tua',
      'Keputusan mengutamakan kepentingan anak',
      'Anak memutuskan sendiri',
      'Mengikuti aparat desa',
    ],
    jawaban: 1,
  },
  {
    unit: 'tik',
    pertanyaan: 'Foto dokumen klien sebaiknya disimpan…',
    pilihan: ['Di grup obrolan', 'Di galeri ponsel pribadi', 'Di aplikasi resmi yang terenkripsi', 'Di media sosial'],
    jawaban: 2,
  },
  {
    unit: 'tik',
    pertanyaan: 'Kata sandi akun layanan boleh dibagikan kepada…',
    pilihan: ['Tidak seorang pun', 'Rekan satu tim', 'Koordinator', 'Keluarga'],
    jawaban: 0,
  },
  {
    unit: 'tik',
    pertanyaan: 'Saat sinyal tidak ada, data kunjungan…',
    pilihan: ['Tidak dicatat', 'Ditulis ulang esok hari', 'Dicatat di aplikasi dan terkirim saat tersambung', 'Dikirim lewat SMS'],
    jawaban: 2,
  },
  {
    unit: 'tik',
    pertanyaan: 'Data pribadi anak korban boleh ditampilkan kepada…',
    pilihan: ['Siapa saja yang bertanya', 'Petugas yang berwenang menangani kasusnya', 'Wartawan', 'Tetangga'],
    jawaban: 1,
  },
];

/** The upcoming events' banks: LDP (Makassar) and TPPO (Kupang), the same before and after. */
export const LDP_BANK: Question[] = [
  {
    unit: 'pfa',
    pertanyaan: 'Tiga prinsip pertolongan pertama psikologis adalah…',
    pilihan: ['Lihat, dengar, hubungkan', 'Tanya, catat, laporkan', 'Diam, tunggu, rujuk', 'Nasihati, doakan, pulangkan'],
    jawaban: 0,
  },
  {
    unit: 'pfa',
    pertanyaan: 'Penyintas yang belum mau bercerita sebaiknya…',
    pilihan: ['Didesak agar lega', 'Dihargai dan ditawari bantuan praktis', 'Ditinggalkan', 'Dirujuk ke polisi'],
    jawaban: 1,
  },
  {
    unit: 'ldp-bencana',
    pertanyaan: 'Kelompok rentan yang didahulukan di pengungsian antara lain…',
    pilihan: ['Relawan', 'Anak tanpa pendamping, lansia, penyandang disabilitas', 'Petugas posko', 'Pengunjung'],
    jawaban: 1,
  },
  {
    unit: 'ldp-bencana',
    pertanyaan: 'Ruang ramah anak di pengungsian bertujuan…',
    pilihan: ['Tempat belajar ujian', 'Memberi rasa aman dan rutinitas bagi anak', 'Gudang logistik', 'Tempat tidur petugas'],
    jawaban: 1,
  },
  {
    unit: 'ldp-anak',
    pertanyaan: 'Anak yang terpisah dari keluarga pertama-tama…',
    pilihan: ['Diadopsi', 'Didata dan dicarikan keluarganya', 'Dikirim ke panti terjauh', 'Dibiarkan bersama siapa saja'],
    jawaban: 1,
  },
  {
    unit: 'ldp-anak',
    pertanyaan: 'Tanda stres pada anak setelah bencana dapat berupa…',
    pilihan: ['Mengompol dan mimpi buruk', 'Nafsu makan bertambah saja', 'Tidak ada tanda', 'Hanya demam'],
    jawaban: 0,
  },
];

export const TPPO_BANK: Question[] = [
  {
    unit: 'identifikasi',
    pertanyaan: 'Unsur TPPO menurut UU 21/2007 meliputi…',
    pilihan: ['Proses, cara dan tujuan eksploitasi', 'Hanya lintas negara', 'Hanya korban perempuan', 'Hanya ada paspor palsu'],
    jawaban: 0,
  },
  {
    unit: 'identifikasi',
    pertanyaan: 'Persetujuan korban atas eksploitasi…',
    pilihan: ['Menghapus pidana', 'Tidak menghapus pidana perdagangan orang', 'Menjadikan korban pelaku', 'Tidak relevan dicatat'],
    jawaban: 1,
  },
  {
    unit: 'reintegrasi',
    pertanyaan: 'Reintegrasi sosial korban dimulai dengan…',
    pilihan: [
      'Asesmen keluarga dan lingkungan penerima',
      'Mengumumkan nama korban',
      'Memulangkan tanpa kabar',
      'Mencari pekerjaan ke luar negeri',
    ],
    jawaban: 0,
  },
  {
    unit: 'reintegrasi',
    pertanyaan: 'Identitas korban TPPO dalam laporan…',
    pilihan: ['Ditulis lengkap', 'Dirahasiakan', 'Dibagikan ke media', 'Dipasang di balai desa'],
    jawaban: 1,
  },
];

export interface BankSeed {
  trainingId: string;
  bank: Question[];
  windows: Record<TestJenis, { dibuka: Date; ditutup: Date }>;
}

/** The banks (pre and post, the same questions) of an event; returns each question's id by position. */
export async function seedBank(trx: Kysely<DB>, seed: BankSeed, by: string | null): Promise<Record<TestJenis, string[]>> {
  const ids: Record<TestJenis, string[]> = { pre: [], post: [] };
  for (const jenis of ['pre', 'post'] as const) {
    await trx
      .insertInto('training_tests')
      .values({ training_id: seed.trainingId, jenis, ...seed.windows[jenis], updated_by: by })
      .execute();
    const rows = await trx
      .insertInto('training_questions')
      .values(seed.bank.map((q, i) => ({ training_id: seed.trainingId, jenis, urutan: i + 1, ...q })))
      .returning('id')
      .execute();
    ids[jenis] = rows.map((r) => r.id);
  }
  return ids;
}

/**
 * The rows of one participant's submission with `benar` correct answers, which ones chosen by
 * `random` (wrong answers take the next choice): built in memory so the seed inserts them in bulk.
 */
export function submissionRows(
  s: { trainingId: string; jenis: TestJenis; userId: string; bank: Question[]; ids: string[]; benar: number; at: Date },
  random: Random,
) {
  const order = s.bank.map((_, i) => ({ i, r: random.int(0, 1_000_000) })).sort((a, b) => a.r - b.r);
  const right = new Set(order.slice(0, s.benar).map((o) => o.i));
  const nilai = nilaiTes(s.benar, s.bank.length);
  return {
    nilai,
    submission: {
      training_id: s.trainingId,
      jenis: s.jenis,
      user_id: s.userId,
      benar: s.benar,
      jumlah: s.bank.length,
      nilai,
      submitted_at: s.at,
    },
    answers: s.bank.map((q, i) => ({
      training_id: s.trainingId,
      jenis: s.jenis,
      user_id: s.userId,
      question_id: s.ids[i]!,
      pilihan: right.has(i) ? q.jawaban : (q.jawaban + 1) % q.pilihan.length,
      benar: right.has(i),
    })),
  };
}

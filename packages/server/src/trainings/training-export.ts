import { LEVEL_KOMPETENSI, qualification, type TrainingParticipant } from '@tuntas/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { addTableSheet, dayCell, momentCell, type Cell } from '../files/table-file.js';
import { forbidden } from '../http/app-error.js';
import { competencyMatrix } from './competency-service.js';
import { testResults } from './test-results-service.js';
import { getTraining, listParticipants } from './training-service.js';

/**
 * The direktorat's spreadsheets (issue 22): an event's participants with attendance per unit,
 * test results and completion; and the competency matrix of an area with its gaps. Written by the
 * shared table writer: text formula-safe, numbers as numbers, days and moments as real dates.
 */

const workbook = () => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tuntas';
  return wb;
};
const buffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const gain = (p: TrainingParticipant) => (p.nilaiPre === null || p.nilaiPost === null ? null : p.nilaiPost - p.nilaiPre);

export async function trainingWorkbook(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<{ nama: string; file: Buffer }> {
  const training = await getTraining(db, actor, id, now);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const [people, tests, issued] = await Promise.all([
    listParticipants(db, actor, id),
    testResults(db, actor, id),
    db.selectFrom('training_certificates').select(['nomor', 'issued_at', 'revoked_at']).where('training_id', '=', id).execute(),
  ]);
  const certs = new Map(issued.map((c) => [c.nomor, c]));
  const units = training.units.map((u) => u.kode);
  const wb = workbook();
  addTableSheet(
    wb,
    'Pelatihan',
    ['Nama pelatihan', 'Mulai', 'Selesai', 'Tempat', 'Wilayah', 'Penyelenggara', 'JP', 'Nilai lulus', 'Ditetapkan'],
    [
      [
        training.nama,
        dayCell(training.mulai),
        dayCell(training.selesai),
        training.tempat,
        training.wilayah,
        training.penyelenggara,
        training.jp,
        training.nilaiLulus,
        training.completedAt ? momentCell(new Date(training.completedAt), training.wilayah) : null,
      ],
    ],
  );
  const attendance = (p: TrainingParticipant, kode: string) =>
    p.terlambat.includes(kode) ? 'Terlambat' : p.hadir.includes(kode) ? 'Hadir' : 'Tidak hadir';
  addTableSheet(
    wb,
    'Peserta',
    [
      'Nama',
      'Nama pengguna',
      'Wilayah',
      'Status',
      ...training.units.map((u) => `Kehadiran: ${u.nama}`),
      'Pre-test',
      'Post-test',
      'Kenaikan',
      'Memenuhi syarat',
      'Nomor sertifikat',
      'Sertifikat terbit',
      'Sertifikat dicabut',
    ],
    people.map((p): Cell[] => {
      const cert = p.sertifikat ? certs.get(p.sertifikat) : undefined;
      const q = qualification({
        units,
        attended: p.hadir,
        minKehadiran: training.minKehadiran,
        nilaiLulus: training.nilaiLulus,
        nilaiPost: p.nilaiPost,
      });
      return [
        p.nama,
        p.username,
        p.wilayah,
        p.status,
        ...units.map((k) => attendance(p, k)),
        p.nilaiPre,
        p.nilaiPost,
        gain(p),
        p.status === 'terdaftar' ? (q.lulus ? 'Ya' : 'Tidak') : null,
        p.sertifikat,
        cert ? momentCell(cert.issued_at, training.wilayah) : null,
        cert?.revoked_at ? momentCell(cert.revoked_at, training.wilayah) : null,
      ];
    }),
  );
  addTableSheet(
    wb,
    'Nilai per materi',
    ['Materi', 'Rata-rata pre-test', 'Rata-rata post-test', 'Kenaikan', 'Peserta'],
    tests.units.map((u) => [u.nama, u.pre, u.post, u.gain, u.peserta]),
  );
  return { nama: `pelatihan-${training.mulai}`, file: await buffer(wb) };
}

export async function matrixWorkbook(db: Kysely<DB>, actor: Actor, wilayah: string | undefined, now: Date): Promise<Buffer> {
  const matrix = await competencyMatrix(db, actor, wilayah, now);
  const names = new Map(matrix.kompetensi.map((k) => [k.kode, k.nama]));
  const wb = workbook();
  addTableSheet(
    wb,
    'Matriks kompetensi',
    ['Nama', 'Wilayah', ...matrix.kompetensi.map((k) => k.nama)],
    matrix.pendamping.map((p) => [p.nama, p.wilayah, ...p.kompetensi.map((c) => LEVEL_KOMPETENSI[c.level])]),
  );
  addTableSheet(
    wb,
    'JP pelatihan',
    ['Nama', 'Wilayah', ...matrix.kompetensi.map((k) => `JP ${k.nama}`), 'Sertifikasi berlaku sampai'],
    matrix.pendamping.map((p) => {
      const until = p.kompetensi.map((c) => c.sertifikasiSampai).filter((d): d is string => d !== null);
      return [p.nama, p.wilayah, ...p.kompetensi.map((c) => c.jp), until.length ? dayCell(until.sort().at(-1)!) : null];
    }),
  );
  addTableSheet(
    wb,
    'Kesenjangan',
    ['Kompetensi', 'Belum', 'Jumlah pendamping'],
    matrix.kesenjangan.map((g) => [names.get(g.kode) ?? g.kode, g.belum, g.jumlah]),
  );
  return buffer(wb);
}

import ExcelJS from 'exceljs';
import type { TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTraining, dayFromToday } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session;
let koordinatorLain: Session;
let ani: Session;
let budi: Session;
let event: TrainingRecord;

const get = (s: Session, url: string) => s.request({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });
async function sheets(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, koordinatorLain, ani, budi] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '33'),
    signIn(ctx, 'koordinator', '34'),
    signIn(ctx, 'pendamping', '33.74'),
    signIn(ctx, 'pendamping', '33.74'),
  ]);
  await ctx.database.db.updateTable('users').set({ nama_lengkap: '=HYPERLINK("http://x","Ani")' }).where('id', '=', ani.user.id).execute();
  event = await buildTraining(direktorat, {
    wilayah: '33',
    mulai: dayFromToday(-1),
    selesai: dayFromToday(-1),
    units: [{ kode: 'ldp', nama: 'Dukungan psikososial dasar', jp: 8, tanggal: dayFromToday(-1), kompetensi: ['dukungan_psikososial'] }],
    participants: [ani, budi],
  });
  expect((await post(direktorat, `/trainings/${event.id}/attendance`, { userId: ani.user.id, unit: 'ldp' })).statusCode).toBe(201);
  const done = await post(direktorat, `/trainings/${event.id}/complete`, {});
  expect(done.statusCode, done.body).toBe(200);
});
afterAll(() => ctx.close());

describe('XLSX exports for the direktorat', () => {
  it('an event: its participants with attendance per unit, scores, completion and certificate, dates as real dates, text formula-safe', async () => {
    const r = await get(direktorat, `/trainings/${event.id}/export`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain(`pelatihan-${event.mulai}.xlsx`);
    const wb = await sheets(r.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Pelatihan', 'Peserta', 'Nilai per materi']);
    const info = wb.getWorksheet('Pelatihan')!;
    expect(info.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(info.getRow(2).getCell(2).numFmt).toBe('dd/mm/yyyy');
    const peserta = wb.getWorksheet('Peserta')!;
    expect(values(peserta, 1)).toContain('Kehadiran: Dukungan psikososial dasar');
    const rows = [2, 3].map((i) => values(peserta, i));
    const aniRow = rows.find((v) => String(v[1]) === ani.user.username)!;
    expect(aniRow[0]).toBe('\'=HYPERLINK("http://x","Ani")');
    expect(aniRow.slice(3, 5)).toEqual(['terdaftar', 'Hadir']);
    expect(aniRow[8]).toBe('Ya');
    expect(String(aniRow[9])).toMatch(/^SRT-/);
    expect(aniRow[10]).toBeInstanceOf(Date);
    const budiRow = rows.find((v) => String(v[1]) === budi.user.username)!;
    expect(budiRow.slice(4, 5)).toEqual(['Tidak hadir']);
    expect(budiRow[8]).toBe('Tidak');
  });

  it('the event’s export is the organiser’s; another role is refused and an event out of sight is not found', async () => {
    expect((await get(koordinator, `/trainings/${event.id}/export`)).statusCode).toBe(403);
    expect((await get(koordinatorLain, `/trainings/${event.id}/export`)).statusCode).toBe(404);
    expect((await get(ani, `/trainings/${event.id}/export`)).statusCode).toBe(403);
  });

  it('the competency matrix of an area: level and JP per competency, the gaps; a koordinator gets only their area’s', async () => {
    const r = await get(direktorat, '/competencies/export?wilayah=33');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toContain('matriks-kompetensi-33.xlsx');
    const wb = await sheets(r.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Matriks kompetensi', 'JP pelatihan', 'Kesenjangan']);
    const matrix = wb.getWorksheet('Matriks kompetensi')!;
    const header = values(matrix, 1);
    const ldp = header.indexOf('Dukungan psikososial (LDP)');
    const byName = new Map([2, 3].map((i) => [String(values(matrix, i)[0]), values(matrix, i)]));
    expect(byName.get('\'=HYPERLINK("http://x","Ani")')?.[ldp]).toBe('dasar');
    expect(byName.get(budi.user.username)?.[ldp]).toBe('belum');
    const gaps = wb.getWorksheet('Kesenjangan')!;
    const ldpGap = [...Array(gaps.rowCount - 1).keys()].map((i) => values(gaps, i + 2)).find((v) => v[0] === 'Dukungan psikososial (LDP)');
    expect(ldpGap).toEqual(['Dukungan psikososial (LDP)', 1, 2]);
    expect((await get(koordinatorLain, '/competencies/export?wilayah=33')).statusCode).toBe(404);
    const own = await sheets((await get(koordinatorLain, '/competencies/export')).rawPayload);
    expect(own.getWorksheet('Matriks kompetensi')!.rowCount).toBe(1); // only the header: nobody of Jawa Tengah
  });
});

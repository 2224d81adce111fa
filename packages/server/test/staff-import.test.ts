import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session; // of Jawa Timur

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx, 'admin', '35');
});
afterAll(() => ctx.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Cell = string | number;

/** A staff list as an admin's spreadsheet has it: a header row, then one row per person. */
async function staffSheet(rows: Cell[][], header = ['NIP/NI PPPK', 'Nama', 'Peran', 'Wilayah', 'Jenis ASN']): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Pegawai');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (file: Buffer, dryRun = false) =>
  admin.request({
    method: 'POST',
    url: `/api/v1/users/import${dryRun ? '?dryRun=true' : ''}`,
    payload: file,
    headers: { 'content-type': XLSX },
  });

/** Twenty real-layout NI PPPK: born 15 April 1990, appointed 2023, women, serials 101–120 (a stamp keeps runs apart). */
const stamp = String(Date.now()).slice(-2);
const pppk = (n: number) => `19900415202321${2}${String(100 + n).padStart(3, '0')}`;
const pendampingRows = Array.from({ length: 20 }, (_, i) => [
  pppk(i + 1),
  `Pendamping Impor ${stamp}-${i + 1}`,
  'Pendamping',
  '35.10',
  'PPPK',
]);
const koordinatorRow = ['198503122010012003', `Koordinator Impor ${stamp}`, 'Koordinator', '35', 'PNS'];

const usersNamed = (prefix: string) =>
  ctx.database.db
    .selectFrom('users')
    .select(['username', 'role', 'wilayah', 'must_change_password'])
    .where('nama_lengkap', 'like', `${prefix}%`)
    .execute();

describe('staff list import (issue 20)', () => {
  it('judges every row on a dry run and creates nothing; then opens a koordinator and twenty pendamping, each with a temporary password, while bad rows are reported and change nothing', async () => {
    const bad: Cell[][] = [
      ['19900415202321201', 'NIP Pendek', 'Pendamping', '35.10', 'PPPK'],
      [199004152023212000, 'NIP Angka', 'Pendamping', '35.10', 'PPPK'],
      [pppk(1), 'NIP Ganda', 'Pendamping', '35.10', 'PPPK'],
      ['199004152023212150', 'Di Luar Wilayah', 'Pendamping', '31.71', 'PPPK'],
      ['199004152023212151', 'Peran Keliru', 'Kepala Dinas', '35.10', 'PPPK'],
      ['200401012023211001', 'Terlalu Muda', 'Pendamping', '35.10', 'PPPK'],
    ];
    const file = await staffSheet([koordinatorRow, ...pendampingRows, ...bad]);

    const dry = await upload(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 27, dibuat: 0, ditolak: 6 });
    expect(dry.json().rows.filter((r: { status: string }) => r.status === 'valid')).toHaveLength(21);
    expect(await usersNamed(`Pendamping Impor ${stamp}`)).toEqual([]);

    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, total: 27, dibuat: 21, ditolak: 6 });
    const byName = new Map(body.rows.map((r: { nama: string }) => [r.nama, r]));
    expect(byName.get('NIP Pendek')).toMatchObject({ status: 'ditolak', errors: [{ kolom: 'nip', pesan: 'NIP/NI PPPK harus 18 angka' }] });
    expect((byName.get('NIP Angka') as { errors: Array<{ pesan: string }> }).errors[0]!.pesan).toContain('format selnya sebagai teks');
    expect(byName.get('NIP Ganda')).toMatchObject({
      status: 'ditolak',
      errors: [{ kolom: 'nip', pesan: 'NIP/NI PPPK sama dengan baris sebelumnya' }],
    });
    expect(byName.get('Di Luar Wilayah')).toMatchObject({ status: 'ditolak', errors: [{ kolom: 'wilayah' }] });
    expect(byName.get('Peran Keliru')).toMatchObject({ status: 'ditolak', errors: [{ kolom: 'peran' }] });
    expect((byName.get('Terlalu Muda') as { errors: Array<{ pesan: string }> }).errors[0]!.pesan).toContain('PPPK 20 tahun');

    const created = await usersNamed(`Pendamping Impor ${stamp}`);
    expect(created).toHaveLength(20);
    expect(created.every((u) => u.role === 'pendamping' && u.wilayah === '35.10' && u.must_change_password)).toBe(true);
    expect(await usersNamed(`Koordinator Impor ${stamp}`)).toEqual([expect.objectContaining({ role: 'koordinator', wilayah: '35' })]);
    expect(await usersNamed('Di Luar Wilayah')).toEqual([]);

    // The NIP is the username and lands in the profile; the temporary password signs in (to be replaced).
    const first = body.rows.find((r: { nama: string }) => r.nama === `Pendamping Impor ${stamp}-1`);
    expect(first).toMatchObject({ status: 'dibuat', username: pppk(1) });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: first.username, password: first.temporaryPassword },
    });
    expect(login.statusCode, login.body).toBe(200);
    const profile = await ctx.database.db
      .selectFrom('pendamping_profiles as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.nip', 'p.jenis_asn'])
      .where('u.username', '=', pppk(1))
      .executeTakeFirst();
    expect(profile).toEqual({ nip: pppk(1), jenis_asn: 'pppk' });

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'in', ['user.import', 'user.create', 'user.create.refused'])
      .where('actor_id', '=', admin.user.id)
      .execute();
    expect(audit.filter((a) => a.action === 'user.import').map((a) => (a.details as { dibuat: number }).dibuat)).toEqual([0, 21]);
    expect(audit.filter((a) => a.action === 'user.create')).toHaveLength(21);
    // The row outside the admin's area reached the account rule and was refused there: that attempt is audited too.
    expect(audit.filter((a) => a.action === 'user.create.refused').map((a) => (a.details as { code: string }).code)).toEqual([
      'SCOPE_OUTSIDE_OWN',
    ]);

    // The same file again: every row refused (the NIPs and usernames are taken), nothing changes.
    const again = (await upload(file)).json();
    expect(again).toMatchObject({ dibuat: 0, ditolak: 27 });
    expect(await usersNamed(`Pendamping Impor ${stamp}`)).toHaveLength(20);
  });

  it('refuses a sheet without the required columns, an unreadable file and a role that may not import, in Indonesian', async () => {
    const noRole = await upload(await staffSheet([['198503122010012003', 'Tanpa Peran']], ['NIP', 'Nama']));
    expect(noRole.statusCode).toBe(422);
    expect(noRole.json().error).toMatchObject({ code: 'STAFF_IMPORT_COLUMNS_MISSING' });
    expect(noRole.json().error.message).toContain('Peran');
    const junk = await upload(Buffer.from('bukan berkas excel'));
    expect(junk.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const refused = await pendamping.request({
      method: 'POST',
      url: '/api/v1/users/import',
      payload: await staffSheet([koordinatorRow]),
      headers: { 'content-type': XLSX },
    });
    expect(refused.statusCode).toBe(403);
  });
});

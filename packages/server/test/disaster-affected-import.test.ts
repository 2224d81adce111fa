import type { AffectedRecord, DisasterRecord, ShelterRecord, SitrepRecord } from '@tuntas/domain';
import ExcelJS from 'exceljs';
import { DEFAULT_UPLOAD_LIMITS } from '../src/import/upload-limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisaster, buildPerson, buildShelter, deploy, nikFor, poskoCsv, uploadPosko } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * A posko's spreadsheet registered in one upload (issue 18): the registry's row rules and row
 * report, the event's own (area, shelter, groups, condition), each accepted row stored as the form
 * stores one — a known NIK linked, a household grouped, a second registration flagged — by a
 * pendamping deployed from another province, while others get nothing.
 */

let ctx: TestContext;
let direktorat: Session;
let local: Session; // pendamping of Kab. Banyuwangi, registers people in the registry
let deployed: Session; // pendamping of Kota Jakarta Pusat, deployed to the flood
let stranger: Session; // pendamping of Kota Jakarta Pusat, not deployed
let otherKoor: Session; // koordinator of DKI Jakarta
let flood: DisasterRecord;
let balai: ShelterRecord;
let sdn: ShelterRecord;

const affectedOf = async (viewer: Session = deployed): Promise<AffectedRecord[]> =>
  (await viewer.request({ method: 'GET', url: `/api/v1/disasters/${flood.id}/affected?pageSize=100` })).json().items;
const sitrep = async (): Promise<SitrepRecord> =>
  (await direktorat.request({ method: 'GET', url: `/api/v1/disasters/${flood.id}/sitrep` })).json();

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, local, deployed, stranger, otherKoor] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
  ]);
  flood = await buildDisaster(direktorat, { wilayah: ['35.10.01'] });
  await deploy(direktorat, flood, deployed);
  balai = await buildShelter(direktorat, flood, { nama: 'Posko Balai Desa', kapasitas: 2 });
  sdn = await buildShelter(direktorat, flood, { nama: 'Pengungsian SDN 1' });
});
afterAll(() => ctx.close());

describe('a posko spreadsheet', () => {
  let known: Awaited<ReturnType<typeof buildPerson>>;
  let sheet: string;
  const male = nikFor('35.10.01.2001', '1979-06-02', 'L', 7001);

  beforeAll(async () => {
    known = await buildPerson(local, { nama: 'Sulastri Handayani' });
    const tanpaNik = { alasan_tanpa_nik: 'dokumen_hilang_bencana', kode_desa: '35.10.01.2001' };
    sheet = poskoCsv([
      // 2: a mother without documents at the balai, pregnant; her household KEL-01
      {
        ...tanpaNik,
        nama: 'Wartini',
        jenis_kelamin: 'P',
        perkiraan_umur: '32',
        posko: 'posko balai desa',
        kelompok_rentan: 'ibu hamil',
        keluarga: 'KEL-01',
        kebutuhan: 'Susu hamil',
      },
      // 3: her small son, same household
      {
        ...tanpaNik,
        nama: 'Bagas',
        jenis_kelamin: 'L',
        perkiraan_umur: '3',
        kondisi: 'mengungsi',
        posko: 'Posko Balai Desa',
        kelompok_rentan: 'balita',
        keluarga: 'KEL-01',
      },
      // 4: a person the registry holds: linked, not duplicated
      {
        nik: known.nik!,
        nama: known.nama,
        jenis_kelamin: 'P',
        tanggal_lahir: known.tanggalLahir ?? '',
        kode_desa: known.kodeDesa ?? '',
        kondisi: 'luka',
        posko: 'Pengungsian SDN 1',
      },
      // 5: a man with a new NIK, at home
      {
        nik: male,
        nama: 'Slamet Riyadi',
        jenis_kelamin: 'L',
        tanggal_lahir: '1979-06-02',
        kode_desa: '35.10.01.2001',
        kondisi: 'di rumah',
        kelompok_rentan: 'lansia; sakit kronis',
      },
      // 6: Surabaya is not in the event
      { ...tanpaNik, kode_desa: '35.78.01.1001', nama: 'Joko', jenis_kelamin: 'L', perkiraan_umur: '40', kondisi: 'mengungsi' },
      // 7: no such shelter
      { ...tanpaNik, nama: 'Painem', jenis_kelamin: 'P', perkiraan_umur: '60', posko: 'Posko Masjid' },
      // 8: a man breastfeeding
      { ...tanpaNik, nama: 'Karyo', jenis_kelamin: 'L', perkiraan_umur: '30', kondisi: 'mengungsi', kelompok_rentan: 'ibu menyusui' },
      // 9: an impossible age
      { ...tanpaNik, nama: 'Mbah Sastro', jenis_kelamin: 'L', perkiraan_umur: '150', kondisi: 'mengungsi' },
      // 10: an unknown condition
      { ...tanpaNik, nama: 'Darmi', jenis_kelamin: 'P', perkiraan_umur: '50', kondisi: 'tenggelam' },
      // 11: row 4's NIK again
      {
        nik: known.nik!,
        nama: known.nama,
        jenis_kelamin: 'P',
        tanggal_lahir: known.tanggalLahir ?? '',
        kode_desa: known.kodeDesa ?? '',
        kondisi: 'mengungsi',
      },
      // 12: an unknown group
      { ...tanpaNik, nama: 'Sumini', jenis_kelamin: 'P', perkiraan_umur: '70', kondisi: 'mengungsi', kelompok_rentan: 'jompo' },
    ]);
  });

  it('a dry run judges every row and stores nothing', async () => {
    const before = await affectedOf();
    const r = await uploadPosko(deployed, flood, sheet, '?dryRun=true&fileName=posko-balai.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ total: 11, accepted: 4, rejected: 7, inserted: 0, linked: 0, dryRun: true });
    expect(await affectedOf()).toHaveLength(before.length);
  });

  it('registers the accepted rows as the form does, and reports each refused one with its reason', async () => {
    const beforeSitrep = await sitrep();
    const r = await uploadPosko(deployed, flood, sheet, '?fileName=posko-balai.csv');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ total: 11, accepted: 4, rejected: 7, inserted: 3, linked: 1, dryRun: false });
    const byLine = Object.fromEntries(body.rows.map((row: { line: number; errors: string[]; warnings: string[] }) => [row.line, row]));
    expect(byLine[4].warnings).toEqual(['NIK_LINKED']);
    expect(byLine[6].errors).toEqual(['WILAYAH_OUTSIDE_EVENT']);
    expect(byLine[7].errors).toEqual(['POSKO_UNKNOWN']);
    expect(byLine[8].errors).toEqual(['KELOMPOK_RENTAN_SEX']);
    expect(byLine[9].errors).toEqual(['PERKIRAAN_UMUR_INVALID']);
    expect(byLine[10].errors).toEqual(['KONDISI_UNKNOWN']);
    expect(byLine[11].errors).toEqual(['NIK_DUPLICATE_IN_FILE']);
    expect(byLine[12].errors).toEqual(['KELOMPOK_RENTAN_UNKNOWN']);
    expect(body.rows.map((row: { line: number }) => row.line)).toEqual([4, 6, 7, 8, 9, 10, 11, 12]);

    const stored = await affectedOf();
    const wartini = stored.find((a) => a.nama === 'Wartini')!;
    const bagas = stored.find((a) => a.nama === 'Bagas')!;
    const sulastri = stored.find((a) => a.beneficiaryId === known.id)!;
    const slamet = stored.find((a) => a.nama === 'Slamet Riyadi')!;
    expect(wartini).toMatchObject({
      nik: null,
      kondisi: 'mengungsi',
      shelterId: balai.id,
      kelompokRentan: ['ibu_hamil'],
      kebutuhan: 'Susu hamil',
    });
    expect(wartini.nomorSementara).toMatch(/^TMP-35-/);
    expect(bagas).toMatchObject({ shelterId: balai.id, kelompokRentan: ['balita'], jenisKelamin: 'L' });
    expect(bagas.keluargaId).toBe(wartini.id);
    // A child's name stays with those who work with him: the directorate sees initials only.
    expect(JSON.stringify(await affectedOf(direktorat))).not.toContain('Bagas');
    expect(wartini.keluargaId).toBe(wartini.id);
    expect(sulastri).toMatchObject({ terhubungRegistri: true, kondisi: 'luka', shelterId: sdn.id, kemungkinanGanda: false });
    expect(slamet).toMatchObject({
      nik: male,
      kondisi: 'di_rumah',
      shelterId: null,
      kelompokRentan: ['lansia', 'sakit_kronis'],
      keluargaId: null,
    });
    const people = (await local.request({ method: 'GET', url: `/api/v1/beneficiaries?q=${known.nik}` })).json();
    expect(people.total ?? people.items.length).toBe(1);

    const after = await sitrep();
    expect(after.terdampak - beforeSitrep.terdampak).toBe(4);
    expect(after.luka - beforeSitrep.luka).toBe(1);
    // Two people in a shelter for two: full, not over.
    expect(after.shelters.find((s) => s.id === balai.id)).toMatchObject({ penghuni: 2, kapasitas: 2 });

    // The uploader downloads the whole report: the refused rows as written, with the reason in Indonesian.
    const report = await deployed.request({ method: 'GET', url: body.reportUrl });
    expect(report.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const refused = book.getWorksheet('Baris ditolak')!;
    expect(refused.rowCount).toBe(8);
    const header = (refused.getRow(1).values as string[]).slice(1);
    expect(header.at(-1)).toBe('kesalahan');
    const lines = [2, 3, 4, 5, 6, 7, 8].map((i) => refused.getRow(i).getCell(header.length - 1).value);
    expect(lines).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(String(refused.getRow(2).getCell(header.length).value)).toContain(
      'di luar wilayah terdampak kejadian ini [WILAYAH_OUTSIDE_EVENT]',
    );
    const warned = book.getWorksheet('Peringatan')!;
    expect(String(warned.getRow(2).getCell(2).value)).toContain('ditautkan');
    // Nobody else's report: a colleague of the same office gets 404.
    expect((await stranger.request({ method: 'GET', url: body.reportUrl })).statusCode).toBe(404);
  });

  it('flags a person registered again at another shelter, both sides', async () => {
    const again = poskoCsv([
      { nik: male, nama: 'Slamet Riyadi', jenis_kelamin: 'L', tanggal_lahir: '1979-06-02', kode_desa: '35.10.01.2001', posko: sdn.id },
    ]);
    const r = await uploadPosko(deployed, flood, again);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1, linked: 1, inserted: 0 });
    expect(r.json().rows[0].warnings).toEqual(['NIK_LINKED', 'KEMUNGKINAN_GANDA']);
    const slamets = (await affectedOf()).filter((a) => a.nik === male);
    expect(slamets).toHaveLength(2);
    expect(slamets.every((a) => a.kemungkinanGanda)).toBe(true);
  });
});

describe('refusals change nothing', () => {
  const one = poskoCsv([
    {
      nama: 'Sarmi',
      jenis_kelamin: 'P',
      alasan_tanpa_nik: 'dokumen_hilang_bencana',
      perkiraan_umur: '44',
      kode_desa: '35.10.01.2001',
      kondisi: 'hilang',
    },
  ]);

  it('someone not deployed, or another province’s koordinator, gets 403 or 404', async () => {
    const before = (await affectedOf()).length;
    for (const s of [stranger, otherKoor]) {
      const r = await uploadPosko(s, flood, one);
      expect([403, 404]).toContain(r.statusCode);
    }
    expect((await affectedOf()).length).toBe(before);
  });

  it('a header without the posko columns, and a file over 5,000 rows, are refused before any row', async () => {
    const before = (await affectedOf()).length;
    const noVillage = 'nama,jenis_kelamin,kondisi\nSarmi,P,hilang';
    const missing = await uploadPosko(deployed, flood, noVillage);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('AFFECTED_IMPORT_COLUMNS_MISSING');
    const row = one.split('\n')[1]!;
    const big = [one.split('\n')[0], ...Array.from({ length: 5001 }, () => row)].join('\n');
    const tooMany = await uploadPosko(deployed, flood, big);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('AFFECTED_IMPORT_TOO_MANY_ROWS');
    expect((await affectedOf()).length).toBe(before);
  });

  it('a closed event takes no sheet', async () => {
    const closed = await buildDisaster(direktorat, { wilayah: ['35.10'] });
    const close = await direktorat.request({
      method: 'POST',
      url: `/api/v1/disasters/${closed.id}/status`,
      payload: { status: 'selesai' },
    });
    expect(close.statusCode, close.body).toBe(200);
    const r = await uploadPosko(local, closed, one);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('DISASTER_CLOSED');
  });
});

describe('a sheet is no way to ask the whole registry who holds a NIK', () => {
  it('past the hourly allowance of people found outside the event and one’s area, the upload stops (429) and stores nothing of its batch', async () => {
    const small = await createTestApp({ importUpload: { ...DEFAULT_UPLOAD_LIMITS, outOfScopePerHour: 2 } });
    try {
      const [dir, surabaya, fromJakarta] = await Promise.all([
        signIn(small, 'direktorat', null),
        signIn(small, 'pendamping', '35.78'),
        signIn(small, 'pendamping', '31.71'),
      ]);
      const event = await buildDisaster(dir, { wilayah: ['35.10.01'] });
      await deploy(dir, event, fromJakarta);
      // Three people of Surabaya: outside the flood's area and outside the Jakarta pendamping's.
      const far = await Promise.all([1, 2, 3].map(() => buildPerson(surabaya, { kodeDesa: '35.78.01.1001' })));
      const sheet = poskoCsv(
        far.map((p) => ({
          nik: p.nik!,
          nama: p.nama,
          jenis_kelamin: 'P',
          tanggal_lahir: p.tanggalLahir!,
          kode_desa: '35.10.01.2001',
          kondisi: 'mengungsi',
        })),
      );
      const first = await uploadPosko(fromJakarta, event, sheet);
      expect(first.statusCode, first.body).toBe(429);
      expect(first.json().error.code).toBe('IMPORT_SCOPE_LOOKUPS_EXCEEDED');
      const list = (await fromJakarta.request({ method: 'GET', url: `/api/v1/disasters/${event.id}/affected` })).json();
      expect(list.items).toEqual([]);
      // The hour is spent: the next sheet stops before any row.
      const again = await uploadPosko(
        fromJakarta,
        event,
        poskoCsv([
          {
            nama: 'Sarmi',
            jenis_kelamin: 'P',
            alasan_tanpa_nik: 'dokumen_hilang_bencana',
            perkiraan_umur: '44',
            kode_desa: '35.10.01.2001',
            kondisi: 'hilang',
          },
        ]),
      );
      expect(again.statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});

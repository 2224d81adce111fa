import type { AidList, DisasterRecord, SitrepRecord, TracingCandidate, TracingRecord } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aidBody,
  buildDisaster,
  buildTracing,
  dayFromToday,
  deploy,
  recordAid,
  registerAffected,
  tracingBody,
} from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Family tracing and reunification, and aid delivered (issue 18), on a real database over HTTP:
 * records, candidate matches with their reasons, confirmation, reunification, the one identity
 * rule on children's records, the event's access rule, aid with its BAST rule, and the sitrep.
 */

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // Jawa Timur: the host
let local: Session; // pendamping of Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let deployed: Session; // pendamping of Kota Jakarta Pusat, deployed to the flood
let expired: Session; // pendamping of Kota Jakarta Pusat whose deployment has ended
let stranger: Session; // pendamping of Kota Jakarta Pusat, never deployed
let flood: DisasterRecord;

const api = (s: Session, method: string, url: string, payload?: unknown) =>
  s.request({
    method: method as 'POST',
    url: `/api/v1${url}`,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
const count = async (table: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.database.db)).rows[0]!.n);

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, local, colleague, deployed, expired, stranger] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  flood = await buildDisaster(direktorat, { nama: 'Banjir bandang Banyuwangi', jenis: 'banjir_bandang', wilayah: ['35.10'] });
  await deploy(direktorat, flood, deployed);
  await deploy(direktorat, flood, expired, { mulai: dayFromToday(-20), selesai: dayFromToday(-10) });
});
afterAll(() => ctx.close());

describe('family tracing', () => {
  it('matches a sought child with a found one by name, age, sex and area, confirms it and records the reunification', async () => {
    const sought = await buildTracing(deployed, flood, { nama: 'Muhammad Yusuf Hidayat', jenisKelamin: 'L', perkiraanUmur: 6 });
    expect(sought).toMatchObject({ status: 'terbuka', anak: true, identitasTerlindungi: false, pelapor: { nama: 'Siti Maemunah' } });
    const shelterChild = await registerAffected(deployed, flood, {
      nama: 'Muhamad Jusuf',
      jenisKelamin: 'L',
      perkiraanUmur: 7,
      kelompokRentan: ['anak_tanpa_pendamping'],
    });
    // Found: linked to the affected child, whose name, sex, age and village fill the record.
    const found = await buildTracing(deployed, flood, {
      arah: 'ditemukan',
      jenis: 'anak_tanpa_pendamping',
      jenisKelamin: 'L',
      nama: null,
      kodeDesa: null,
      affectedId: shelterChild.id,
    });
    expect(found).toMatchObject({ nama: 'Muhamad Jusuf', umur: 7, kodeDesa: '35.10.01.2001', affectedId: shelterChild.id });
    await buildTracing(deployed, flood, { arah: 'ditemukan', nama: 'Dewi Anggraini', jenisKelamin: 'P', perkiraanUmur: 6 });
    const farAway = await buildTracing(deployed, flood, {
      arah: 'ditemukan',
      nama: 'Yusuf',
      jenisKelamin: 'L',
      perkiraanUmur: 15,
      kodeDesa: '35.10.02.2001',
    });

    const candidates = (await api(deployed, 'GET', `/disasters/${flood.id}/tracing/${sought.id}/matches`)).json() as TracingCandidate[];
    expect(candidates[0]!.record.id).toBe(found.id);
    expect(candidates.map((c) => c.record.id)).not.toContain(farAway.id); // another age and district: below the threshold
    expect(candidates.every((c) => c.record.jenisKelamin === 'L' && c.record.arah === 'ditemukan')).toBe(true);
    expect(candidates[0]!.skor).toBeGreaterThan(0.6);
    expect(candidates[0]!.alasan.map((a) => a.kode)).toEqual(['nama_mirip', 'umur_sesuai', 'jenis_kelamin_sama', 'desa_sama']);

    const mine = await api(deployed, 'POST', `/disasters/${flood.id}/tracing/${sought.id}/matches`, { pasanganId: found.id });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ status: 'cocok', pasanganId: found.id });
    expect((await api(deployed, 'GET', `/disasters/${flood.id}/tracing/${found.id}`)).json()).toMatchObject({
      status: 'cocok',
      pasanganId: sought.id,
    });
    const again = await api(deployed, 'POST', `/disasters/${flood.id}/tracing/${farAway.id}/matches`, { pasanganId: sought.id });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'TRACING_STATUS_INVALID']);
    expect(again.json().error.message).toMatch(/tidak dapat diubah/);

    const reunited = await api(deployed, 'POST', `/disasters/${flood.id}/tracing/${found.id}/reunification`, {
      tanggal: dayFromToday(-1),
      tempat: 'Posko Dinas Sosial Banyuwangi',
      diserahkanKepada: 'Siti Maemunah (ibu kandung)',
    });
    expect(reunited.statusCode, reunited.body).toBe(200);
    expect(reunited.json()).toMatchObject({ status: 'dipersatukan', penyatuan: { diserahkanKepada: 'Siti Maemunah (ibu kandung)' } });
    expect((await api(deployed, 'GET', `/disasters/${flood.id}/tracing/${sought.id}`)).json().status).toBe('dipersatukan');
    const twice = await api(deployed, 'POST', `/disasters/${flood.id}/tracing/${sought.id}/reunification`, {
      tanggal: dayFromToday(-1),
      tempat: 'Posko',
      diserahkanKepada: 'Siapa saja',
    });
    expect(twice.statusCode).toBe(409);
    expect(await count('disaster_reunifications')).toBe(1);
  });

  it('closes an open record with a reason and refuses bad input leaving nothing behind', async () => {
    const before = await count('disaster_tracing');
    for (const [body, field] of [
      [tracingBody({ pelapor: null }), 'pelapor'],
      [tracingBody({ jenis: 'anak_terpisah', perkiraanUmur: 30 }), 'perkiraanUmur'],
      [tracingBody({ kodeDesa: '33.01.01.2001' }), 'kodeDesa'],
      [tracingBody({ tanggal: dayFromToday(3) }), 'tanggal'],
      [{ ...tracingBody({ arah: 'ditemukan' }), affectedId: '00000000-0000-4000-8000-000000000000' }, 'affectedId'],
    ] as const) {
      const r = await api(local, 'POST', `/disasters/${flood.id}/tracing`, body);
      expect(r.statusCode, field).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'TRACING_INVALID', details: [{ field }] });
      expect(r.json().error.message).toMatch(/penelusuran keluarga tidak valid/);
    }
    expect(await count('disaster_tracing')).toBe(before);

    const missing = await buildTracing(local, flood, { jenis: 'orang_hilang', nama: 'Karsono', jenisKelamin: 'L', perkiraanUmur: 64 });
    expect(missing.anak).toBe(false);
    const noNote = await api(local, 'POST', `/disasters/${flood.id}/tracing/${missing.id}/close`, { alasan: 'lainnya' });
    expect(noNote.statusCode).toBe(422);
    const closed = await api(local, 'POST', `/disasters/${flood.id}/tracing/${missing.id}/close`, { alasan: 'ditemukan_meninggal' });
    expect(closed.json()).toMatchObject({ status: 'ditutup', alasanTutup: 'ditemukan_meninggal' });
    expect((await api(local, 'POST', `/disasters/${flood.id}/tracing/${missing.id}/close`, { alasan: 'catatan_ganda' })).statusCode).toBe(
      409,
    );
    // An adult's record is no protected identity: a colleague sees the name.
    expect((await api(colleague, 'GET', `/disasters/${flood.id}/tracing/${missing.id}`)).json().nama).toBe('Karsono');
  });

  it('masks a child’s record for the direktorat and another pendamping, shows it to its recorder and the koordinator', async () => {
    const child = await buildTracing(local, flood, {
      nama: 'Anisa Putri Maharani',
      pelapor: { nama: 'Sumarni Wulandari', kontak: '081299988877', hubungan: 'orang_tua' },
    });
    const found = await buildTracing(local, flood, { arah: 'ditemukan', nama: 'Anisa Putri' });
    for (const s of [direktorat, colleague]) {
      const body = (await api(s, 'GET', `/disasters/${flood.id}/tracing?pageSize=200`)).body;
      expect(body).not.toContain('Anisa Putri');
      expect(body).not.toContain('Sumarni');
      expect(body).not.toContain('081299988877');
      const one = (await api(s, 'GET', `/disasters/${flood.id}/tracing/${child.id}`)).json() as TracingRecord;
      expect(one).toMatchObject({
        nama: 'A. P. M.',
        pelapor: null,
        kodeDesa: null,
        tanggalLahir: null,
        identitasTerlindungi: true,
        umur: 7,
      });
      expect(one.tindakan.ubah).toBe(false);
      const candidates = (await api(s, 'GET', `/disasters/${flood.id}/tracing/${child.id}/matches`)).body;
      expect(candidates).not.toContain('Anisa Putri');
    }
    const refused = await api(colleague, 'POST', `/disasters/${flood.id}/tracing/${child.id}/matches`, { pasanganId: found.id });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'IDENTITY_PROTECTED']);
    expect((await api(direktorat, 'POST', `/disasters/${flood.id}/tracing/${child.id}/matches`, { pasanganId: found.id })).statusCode).toBe(
      403,
    );
    expect((await api(local, 'GET', `/disasters/${flood.id}/tracing/${child.id}`)).json().pelapor.nama).toBe('Sumarni Wulandari');
    expect((await api(koordinator, 'GET', `/disasters/${flood.id}/tracing?pageSize=200`)).body).toContain('Anisa Putri Maharani');
    expect((await api(local, 'GET', `/disasters/${flood.id}/tracing/${child.id}`)).json().status).toBe('terbuka');
    // Reads of the protected record by others are in the audit trail.
    const reads = await sql<{ n: number }>`select count(*)::int as n from audit_events
      where action = 'disaster.tracing.read' and entity_id = ${child.id} and actor_id = ${direktorat.user.id}`.execute(ctx.database.db);
    expect(reads.rows[0]!.n).toBeGreaterThan(0);
  });

  it('gives another province’s pendamping nothing, and a deployed one the records only while deployed', async () => {
    const record = await buildTracing(deployed, flood, { nama: 'Rizky Ramadhan', jenisKelamin: 'L' });
    expect((await api(deployed, 'GET', `/disasters/${flood.id}/tracing`)).json().items.map((t: TracingRecord) => t.id)).toContain(
      record.id,
    );
    const before = await count('disaster_tracing');
    for (const s of [stranger, expired]) {
      for (const url of [`/disasters/${flood.id}/tracing`, `/disasters/${flood.id}/tracing/${record.id}`, `/disasters/${flood.id}/aid`]) {
        expect((await api(s, 'GET', url)).statusCode, url).toBe(404);
      }
      expect((await api(s, 'GET', `/disasters/${flood.id}/tracing/${record.id}/matches`)).statusCode).toBe(404);
      expect((await api(s, 'POST', `/disasters/${flood.id}/tracing`, tracingBody())).statusCode).toBe(404);
      expect((await api(s, 'POST', `/disasters/${flood.id}/tracing/${record.id}/close`, { alasan: 'catatan_ganda' })).statusCode).toBe(404);
    }
    expect(await count('disaster_tracing')).toBe(before);
  });
});

describe('aid delivered', () => {
  it('records aid to a person or a household against its BAST and lists it with the total', async () => {
    const event = await buildDisaster(koordinator, {
      nama: 'Angin puting beliung Banyuwangi',
      jenis: 'cuaca_ekstrem',
      wilayah: ['35.10.01'],
    });
    const head = await registerAffected(local, event, { nama: 'Slamet Riyadi', jenisKelamin: 'L' });
    const member = await registerAffected(local, event, { keluargaId: head.id });
    const child = await registerAffected(local, event, { nama: 'Laras Ayu Pertiwi', perkiraanUmur: 9 });
    await recordAid(local, event, { keluargaId: member.keluargaId!, nomorBast: 'BAST/001/XI/2026', nilaiRupiah: 300_000 });
    // A second item on the same BAST for the same household: one hand-over, two items.
    await recordAid(local, event, { keluargaId: head.id, jenis: 'sandang', nomorBast: ' bast/001/xi/2026 ', nilaiRupiah: 150_000 });
    await recordAid(local, event, { affectedId: child.id, jenis: 'paket_sekolah', nomorBast: 'BAST/002/XI/2026', nilaiRupiah: 0 });
    const list = (await api(local, 'GET', `/disasters/${event.id}/aid`)).json() as AidList;
    expect(list).toMatchObject({ total: 3, nilaiRupiah: 450_000, penerima: 2 });
    expect(list.items.map((a) => a.penerima)).toContain('Slamet Riyadi');
    const masked = (await api(direktorat, 'GET', `/disasters/${event.id}/aid`)).body;
    expect(masked).not.toContain('Laras Ayu');
    expect(masked).toContain('L. A. P.');
  });

  it('refuses an unknown recipient, a negative value and a BAST reused for someone else, storing nothing', async () => {
    const event = await buildDisaster(koordinator, {
      nama: 'Kebakaran permukiman Banyuwangi',
      jenis: 'kebakaran_permukiman',
      wilayah: ['35.10.01'],
    });
    const [a, b] = [await registerAffected(local, event), await registerAffected(local, event)];
    const other = await registerAffected(local, flood);
    await recordAid(local, event, { affectedId: a.id, nomorBast: 'BAST/777' });
    const before = [await count('disaster_aid'), await count('disaster_aid_bast')];

    const reused = await api(local, 'POST', `/disasters/${event.id}/aid`, aidBody({ affectedId: b.id, nomorBast: 'bast/777' }));
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, 'AID_BAST_REUSED']);
    expect(reused.json().error.message).toBe(
      'Nomor BAST ini sudah dipakai pada kejadian ini untuk penerima lain. Satu BAST hanya untuk satu penerima.',
    );
    for (const body of [aidBody({ affectedId: other.id }), aidBody({}), { ...aidBody({ affectedId: a.id }), keluargaId: a.id }]) {
      const r = await api(local, 'POST', `/disasters/${event.id}/aid`, body);
      expect([r.statusCode, r.json().error.code]).toEqual([422, 'AID_INVALID']);
      expect(r.json().error.message).toMatch(/^Data bantuan tidak valid/);
    }
    const negative = await api(local, 'POST', `/disasters/${event.id}/aid`, aidBody({ affectedId: a.id, nilaiRupiah: -5000 }));
    expect([negative.statusCode, negative.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(negative.json().error.message).toMatch(/tidak sesuai format/);
    const blank = await api(local, 'POST', `/disasters/${event.id}/aid`, aidBody({ affectedId: a.id, nomorBast: '   ' }));
    expect(blank.statusCode).toBe(422);
    expect((await api(direktorat, 'POST', `/disasters/${event.id}/aid`, aidBody({ affectedId: a.id }))).statusCode).toBe(403);
    expect([await count('disaster_aid'), await count('disaster_aid_bast')]).toEqual(before);
  });
});

describe('the sitrep', () => {
  it('counts tracing by status and aid as of the end of the day asked, also for a past day', async () => {
    const event = await buildDisaster(koordinator, {
      nama: 'Tanah longsor Kalibaru',
      jenis: 'tanah_longsor',
      wilayah: ['35.10.01'],
      mulai: dayFromToday(-5),
    });
    const person = await registerAffected(local, event);
    const old = await recordAid(local, event, { affectedId: person.id, nilaiRupiah: 100_000, tanggal: dayFromToday(-4) });
    const sought = await buildTracing(local, event, { nama: 'Bagus Prasetyo', jenisKelamin: 'L' });
    const found = await buildTracing(local, event, { arah: 'ditemukan', nama: 'Bagus Prasetyo', jenisKelamin: 'L' });
    await buildTracing(local, event, { nama: 'Wulan Sari' });
    // Yesterday: the first aid item and the sought record existed; the rest came today.
    for (const table of ['disaster_tracing', 'disaster_aid'])
      await sql`update ${sql.table(table)} set dicatat_pada = dicatat_pada - interval '1 day' where id in (${sought.id}, ${old.id})`.execute(
        ctx.database.db,
      );
    await api(local, 'POST', `/disasters/${event.id}/tracing/${sought.id}/matches`, { pasanganId: found.id });
    await api(local, 'POST', `/disasters/${event.id}/tracing/${found.id}/reunification`, {
      tanggal: dayFromToday(-1),
      tempat: 'Balai desa',
      diserahkanKepada: 'Ayah kandung',
    });
    const other = await registerAffected(local, event);
    await recordAid(local, event, { affectedId: other.id, jenis: 'santunan_luka', nilaiRupiah: 5_000_000, tanggal: dayFromToday(0) });

    const today = (await api(local, 'GET', `/disasters/${event.id}/sitrep`)).json() as SitrepRecord;
    expect(today.penelusuran).toEqual({ terbuka: 1, cocok: 0, dipersatukan: 2, ditutup: 0 });
    expect(today.bantuan).toEqual({ penyaluran: 2, penerima: 2, nilaiRupiah: 5_100_000 });
    const [y, m, d] = today.tanggal.split('-').map(Number) as [number, number, number];
    const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    const past = (await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?tanggal=${yesterday}`)).json() as SitrepRecord;
    expect(past.penelusuran).toEqual({ terbuka: 1, cocok: 0, dipersatukan: 0, ditutup: 0 });
    expect(past.bantuan).toEqual({ penyaluran: 1, penerima: 1, nilaiRupiah: 100_000 });

    const pdf = await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?format=pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const xlsx = await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?format=xlsx`);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book
      .getWorksheet('Ringkasan')!
      .getSheetValues()
      .map((r) => (Array.isArray(r) ? r.slice(1, 3) : []));
    expect(rows).toContainEqual(['Penelusuran keluarga: dipersatukan', 2]);
    expect(rows).toContainEqual(['Nilai bantuan disalurkan (Rp, kumulatif)', 5_100_000]);
  });
});

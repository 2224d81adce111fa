import { assessmentForm, assessmentFormVersion, outcomeCriteria } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetAllOutcomes } from './support/case-outcomes.js';
import { checkAnswers } from '../src/casework/assessments.js';
import { advanceCase, answersFor, DISASTER_ANSWERS } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakarta: Session; // pendamping Jakarta Pusat
let jakartaKoor: Session;
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, colleague, koordinator, jakarta, jakartaKoor, auditor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
/** A person of an age the category allows (a child for 02–07) and an open case of it, owned by the session's pendamping. */
async function caseOf(session: Session, ppks: string, kodeDesa = '35.10.01.2001', nikPrefix = '351001'): Promise<string> {
  serial += 1;
  const year = ppks >= '02' && ppks <= '07' ? '2015' : '1975';
  const person = await session.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      nik: `${nikPrefix}5206${year.slice(2)}${String(serial).padStart(4, '0')}`,
      nama: `Siti Aminah ${serial}`,
      jenisKelamin: 'P',
      tanggalLahir: `${year}-06-12`,
      kodeDesa,
    },
  });
  expect(person.statusCode, person.body).toBe(201);
  const kase = await session.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId: person.json().id, ppks } });
  expect(kase.statusCode, kase.body).toBe(201);
  return kase.json().id;
}

const get = (s: Session, url: string) => s.request({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string, payload: unknown = {}) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const put = (s: Session, url: string, payload: unknown) =>
  s.request({ method: 'PUT', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
async function moveTo(s: Session, id: string, stages: string[]) {
  for (const to of stages) expect((await post(s, `/cases/${id}/transitions`, { to })).statusCode, to).toBe(200);
}
const timelineKinds = async (id: string) => (await get(pendamping, `/cases/${id}/timeline`)).json().map((e: { jenis: string }) => e.jenis);
const count = async (table: 'case_assessments' | 'case_plans' | 'rujukan' | 'case_transfers' | 'case_attachments' | 'case_services') =>
  Number(
    (
      await ctx.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const disasterAnswers = DISASTER_ANSWERS;

describe('assessment forms', () => {
  it('publish a common core and specific sections for at least eight categories, as JSON Schema and layout', () => {
    const specific = new Set(['02', '03', '19', '18', '17', '16', '08', '21'].map((p) => assessmentForm(p).kode));
    expect(specific.size).toBe(8);
    const form = assessmentForm('21');
    expect(form.layout.map((s) => s.kode)).toEqual(['inti', 'bencana']);
    expect((form.schema as { required: string[] }).required).toEqual(
      expect.arrayContaining(['kondisiFisik', 'tingkatRisiko', 'jenisBencana', 'kondisiRumah']),
    );
    expect(assessmentForm('24').kode).toBe('asesmen-fm');
  });

  it('checks answers against the case’s form, naming each bad field, and stores nothing on error', async () => {
    const id = await caseOf(pendamping, '21');
    const form = await get(pendamping, `/cases/${id}/assessment-form`);
    expect(form.json()).toMatchObject({ kode: 'asesmen-bencana', versi: 2 });

    const before = await count('case_assessments');
    const { jenisBencana: _dropped, ...missing } = disasterAnswers;
    const bad = await post(pendamping, `/cases/${id}/assessments`, { data: { ...missing, kondisiRumah: 'roboh', tinggiBadan: 160 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('FORM_INVALID');
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['/jenisBencana', '/kondisiRumah', '/tinggiBadan']));
    expect(await count('case_assessments')).toBe(before);

    const ok = await post(pendamping, `/cases/${id}/assessments`, { data: disasterAnswers });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ formKode: 'asesmen-bencana', formVersi: 2, risiko: 'sedang', oleh: pendamping.user.username });
    expect((await get(koordinator, `/cases/${id}/assessments`)).json()).toHaveLength(1);
    expect(await timelineKinds(id)).toContain('asesmen');
  });

  it('keeps old answers readable: an assessment given to version 1 is listed with its code and version and still reads against its own form', async () => {
    const id = await caseOf(pendamping, '03');
    // Answered before version 2, when the ABH section still said "pelaku".
    const v1 = assessmentFormVersion('asesmen-abh', 1)!;
    const answers = { ...answersFor('03'), peran: 'pelaku' };
    const v1Answers = Object.fromEntries(
      Object.entries(answers).filter(([k]) => v1.layout.some((s) => s.fields.some((f) => f.name === k))),
    );
    await ctx.database.db
      .insertInto('case_assessments')
      .values({
        case_id: id,
        form_kode: 'asesmen-abh',
        form_versi: 1,
        data: JSON.stringify(v1Answers),
        risiko: 'rendah',
        created_by: pendamping.user.id,
      })
      .execute();
    expect(() => checkAnswers(v1, v1Answers)).not.toThrow();
    // Today's form refuses the old wording: new answers speak of the child in conflict with the law.
    expect((await post(pendamping, `/cases/${id}/assessments`, { data: v1Answers })).json().error).toMatchObject({
      code: 'FORM_INVALID',
      details: [{ field: '/peran' }],
    });
    const listed = (await get(pendamping, `/cases/${id}/assessments`)).json();
    expect(listed).toMatchObject([{ formKode: 'asesmen-abh', formVersi: 1, data: { peran: 'pelaku' } }]);
    const label = assessmentFormVersion(listed[0].formKode, listed[0].formVersi)!
      .layout[1]!.fields.find((f) => f.name === 'peran')!
      .options!.find(([c]) => c === 'pelaku')?.[1];
    expect(label).toBe('Pelaku');
    const now = await post(pendamping, `/cases/${id}/assessments`, { data: answersFor('03') });
    expect(now.json()).toMatchObject({ formKode: 'asesmen-abh', formVersi: 2 });
  });

  it('records a case conference, not in the future', async () => {
    const id = await caseOf(pendamping, '03', '35.10.01.2001');
    const future = await post(pendamping, `/cases/${id}/conferences`, {
      tanggal: '2999-01-01',
      peserta: ['Pekerja sosial'],
      ringkasan: 'x',
      keputusan: 'y',
    });
    expect(future.statusCode).toBe(422);
    const ok = await post(pendamping, `/cases/${id}/conferences`, {
      tanggal: '2026-01-10',
      peserta: ['Pekerja sosial', 'Pembimbing kemasyarakatan Bapas', 'Orang tua'],
      ringkasan: 'Anak menyesali perbuatan; keluarga siap mendampingi',
      keputusan: 'Mengusulkan diversi',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await get(pendamping, `/cases/${id}/conferences`)).json()[0].peserta).toHaveLength(3);
  });

  it('is closed to other provinces (404), to the auditor and to a colleague who does not own the case (403)', async () => {
    const id = await caseOf(pendamping, '21');
    for (const url of [
      `/cases/${id}/assessment-form`,
      `/cases/${id}/assessments`,
      `/cases/${id}/conferences`,
      `/cases/${id}/plan`,
      `/cases/${id}/services`,
      `/cases/${id}/attachments`,
      `/cases/${id}/referrals`,
      `/cases/${id}/outcomes`,
      `/cases/${id}/followups`,
      `/cases/${id}/transfers`,
    ]) {
      expect((await get(jakarta, url)).statusCode, url).toBe(404);
      expect((await get(jakartaKoor, url)).statusCode, url).toBe(404);
    }
    expect((await post(jakarta, `/cases/${id}/assessments`, { data: disasterAnswers })).statusCode).toBe(404);
    expect((await post(auditor, `/cases/${id}/assessments`, { data: disasterAnswers })).statusCode).toBe(403);
    expect((await post(colleague, `/cases/${id}/assessments`, { data: disasterAnswers })).statusCode).toBe(403);
    expect((await get(auditor, `/cases/${id}/assessments`)).statusCode).toBe(200);
  });

  it('refuses every write from another province with 404 and stores nothing', async () => {
    const id = await caseOf(pendamping, '21');
    const tables = ['case_assessments', 'case_plans', 'rujukan', 'case_transfers', 'case_attachments', 'case_services'] as const;
    const before = await Promise.all(tables.map(count));
    const writes: Array<[string, string, unknown]> = [
      ['POST', `/cases/${id}/assessments`, { data: disasterAnswers }],
      ['POST', `/cases/${id}/conferences`, { tanggal: '2026-01-10', peserta: ['x'], ringkasan: 'x', keputusan: 'y' }],
      ['PUT', `/cases/${id}/plan`, { tujuan: ['x'], layanan: [{ atensi: 'terapi', uraian: 'x', pelaksana: 'x', batas: '2027-01-01' }] }],
      ['POST', `/cases/${id}/plan/submit`, {}],
      ['POST', `/cases/${id}/services`, { jenis: 'catatan', tanggal: '2026-11-01', uraian: 'x' }],
      ['POST', `/cases/${id}/referrals`, { lembagaId: '00000000-0000-4000-8000-000000000000', layanan: 'x', alasan: 'x' }],
      ['POST', `/cases/${id}/transfers`, { kePendampingId: colleague.user.id, alasan: 'x' }],
      ['PUT', `/cases/${id}/outcomes`, { kriteria: [{ kriteria: 'hunian', terpenuhi: false }] }],
      ['POST', `/cases/${id}/followups`, { jadwal: '2027-01-01' }],
      ['POST', `/cases/${id}/identity-access`, { alasan: 'Pemeriksaan pengaduan masyarakat' }],
    ];
    for (const session of [jakarta, jakartaKoor]) {
      for (const [method, url, payload] of writes) {
        const response = await session.request({
          method: method as 'POST' | 'PUT',
          url: `/api/v1${url}`,
          payload: payload as Record<string, unknown>,
        });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    const upload = await jakarta.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(upload.statusCode).toBe(404);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await timelineKinds(id)).toEqual(['dibuat']);
  });
});

describe('the intervention plan', () => {
  const plan = {
    tujuan: ['Keluarga kembali tinggal di rumah yang layak', 'Trauma anak berkurang'],
    layanan: [
      {
        atensi: 'hidup_layak',
        uraian: 'Paket sembako dan perlengkapan rumah',
        pelaksana: 'Dinas Sosial Kab. Banyuwangi',
        batas: '2027-02-01',
      },
      { atensi: 'terapi', uraian: 'Dukungan psikososial kelompok anak', pelaksana: 'Pendamping', batas: '2027-03-01' },
    ],
  };

  it('is drafted, submitted, returned with a comment, resubmitted and approved — never by its author', async () => {
    const id = await caseOf(pendamping, '21');
    expect((await get(pendamping, `/cases/${id}/plan`)).json()).toBeNull();
    const badAtensi = await put(pendamping, `/cases/${id}/plan`, { ...plan, layanan: [{ ...plan.layanan[0], atensi: 'sembako' }] });
    expect(badAtensi.statusCode).toBe(422);
    expect(badAtensi.json().error).toMatchObject({ code: 'PLAN_INVALID', details: [{ field: 'layanan/0/atensi' }] });
    expect(await count('case_plans')).toBe(0);

    const draft = await put(pendamping, `/cases/${id}/plan`, plan);
    expect(draft.json()).toMatchObject({ status: 'draf', revisi: 1, tindakan: { ubah: true, ajukan: true, putuskan: false } });
    const submitted = await post(pendamping, `/cases/${id}/plan/submit`, { version: draft.json().version });
    expect(submitted.json().status).toBe('diajukan');
    expect((await put(pendamping, `/cases/${id}/plan`, plan)).json().error.code).toBe('PLAN_NOT_EDITABLE');
    expect((await post(pendamping, `/cases/${id}/plan/review`, { keputusan: 'setujui' })).statusCode).toBe(403);
    expect((await post(jakartaKoor, `/cases/${id}/plan/review`, { keputusan: 'setujui' })).statusCode).toBe(404);

    const inbox = (await get(koordinator, '/tasks')).json();
    expect(inbox.rencanaMenunggu.map((p: { caseId: string }) => p.caseId)).toContain(id);
    const noComment = await post(koordinator, `/cases/${id}/plan/review`, { keputusan: 'kembalikan' });
    expect(noComment.statusCode).toBe(422);
    const returned = await post(koordinator, `/cases/${id}/plan/review`, {
      keputusan: 'kembalikan',
      komentar: 'Tambahkan layanan dukungan keluarga',
    });
    expect(returned.json()).toMatchObject({ status: 'dikembalikan', komentar: 'Tambahkan layanan dukungan keluarga' });
    expect((await get(pendamping, '/tasks')).json().rencanaDikembalikan.map((p: { caseId: string }) => p.caseId)).toContain(id);

    const revised = await put(pendamping, `/cases/${id}/plan`, {
      ...plan,
      layanan: [
        ...plan.layanan,
        { atensi: 'dukungan_keluarga', uraian: 'Konseling keluarga', pelaksana: 'Pendamping', batas: '2027-03-15' },
      ],
    });
    await post(pendamping, `/cases/${id}/plan/submit`, { version: revised.json().version });
    const approved = await post(koordinator, `/cases/${id}/plan/review`, { keputusan: 'setujui' });
    expect(approved.json()).toMatchObject({
      status: 'disetujui',
      layanan: expect.arrayContaining([expect.objectContaining({ atensi: 'dukungan_keluarga' })]),
    });
    expect((await post(koordinator, `/cases/${id}/plan/review`, { keputusan: 'setujui' })).json().error.code).toBe('PLAN_NOT_SUBMITTED');
    // An approved plan is revised only when the case is back at rencana.
    expect((await put(pendamping, `/cases/${id}/plan`, plan)).json().error.code).toBe('PLAN_NOT_EDITABLE');
    await moveTo(pendamping, id, ['asesmen']);
    expect((await post(pendamping, `/cases/${id}/assessments`, { data: disasterAnswers })).statusCode).toBe(201);
    await moveTo(pendamping, id, ['rencana']);
    expect((await put(pendamping, `/cases/${id}/plan`, plan)).json()).toMatchObject({ status: 'draf', revisi: 2 });
    const steps = (await get(pendamping, `/cases/${id}/timeline`))
      .json()
      .filter((e: { jenis: string }) => e.jenis === 'rencana')
      .map((e: { data: { aksi: string } }) => e.data.aksi);
    expect(steps).toEqual(['disimpan', 'diajukan', 'dikembalikan', 'disimpan', 'diajukan', 'disetujui', 'disimpan']);
  });

  it('refuses a stale version', async () => {
    const id = await caseOf(pendamping, '24');
    const draft = (await put(pendamping, `/cases/${id}/plan`, plan)).json();
    await put(pendamping, `/cases/${id}/plan`, { ...plan, version: draft.version });
    const stale = await put(pendamping, `/cases/${id}/plan`, { ...plan, version: draft.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });
});

describe('services, notes and attachments', () => {
  it('records services with their ATENSI form and notes; a service without one is refused', async () => {
    const id = await caseOf(pendamping, '24');
    const before = await count('case_services');
    expect(
      (await post(pendamping, `/cases/${id}/services`, { jenis: 'layanan', tanggal: '2026-11-01', uraian: 'Bantuan' })).statusCode,
    ).toBe(422);
    expect(await count('case_services')).toBe(before);
    const today = new Date().toISOString().slice(0, 10);
    const service = await post(pendamping, `/cases/${id}/services`, {
      jenis: 'layanan',
      atensi: 'bansos_asistensi',
      tanggal: today,
      tempat: 'Balai desa',
      pelaksana: 'Dinsos',
      uraian: 'Pendaftaran PKH',
    });
    expect(service.statusCode, service.body).toBe(201);
    await post(pendamping, `/cases/${id}/services`, { jenis: 'catatan', tanggal: today, uraian: 'Istri mulai berjualan kue' });
    expect(
      (await get(koordinator, `/cases/${id}/services`))
        .json()
        .map((s: { jenis: string }) => s.jenis)
        .sort(),
    ).toEqual(['catatan', 'layanan']);
  });

  it('stores photos and PDFs checked by their bytes, serves them only in scope', async () => {
    const id = await caseOf(pendamping, '24');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const upload = await pendamping.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments?nama=${encodeURIComponent('Surat keterangan.pdf')}`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ nama: 'Surat keterangan.pdf', mime: 'application/pdf', ukuran: pdf.length });
    const file = await get(koordinator, `/attachments/${upload.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await get(jakartaKoor, `/attachments/${upload.json().id}`)).statusCode).toBe(404);
    expect((await jakarta.request({ method: 'DELETE', url: `/api/v1/attachments/${upload.json().id}` })).statusCode).toBe(404);

    const before = await count('case_attachments');
    const fake = await pendamping.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('MZ not a pdf'),
    });
    expect(fake.json().error.code).toBe('ATTACHMENT_INVALID');
    const json = await pendamping.request({ method: 'POST', url: `/api/v1/cases/${id}/attachments`, payload: { file: 'x' } });
    expect(json.json().error.code).toBe('ATTACHMENT_INVALID');
    const huge = await pendamping.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]),
    });
    expect(huge.statusCode).toBe(413);
    expect(await count('case_attachments')).toBe(before);
  });
});

describe('referrals', () => {
  it('go to an institution of the directory: sent, received, accepted, completed — each step once, with who and when', async () => {
    const lembaga = await post(koordinator, '/lembaga', {
      nama: 'UPTD PPA Provinsi Jawa Timur',
      jenis: 'uptd_ppa',
      telepon: '031-000000',
      batasHari: 5,
    });
    expect(lembaga.statusCode, lembaga.body).toBe(201);
    expect((await post(pendamping, '/lembaga', { nama: 'Puskesmas X', jenis: 'puskesmas' })).statusCode).toBe(403);
    expect((await post(koordinator, '/lembaga', { nama: 'RS Jakarta', jenis: 'rumah_sakit', wilayah: '31' })).json().error.code).toBe(
      'SCOPE_OUTSIDE_OWN',
    );
    expect((await get(pendamping, '/lembaga?jenis=uptd_ppa')).json().map((l: { id: string }) => l.id)).toContain(lembaga.json().id);
    expect((await get(jakarta, '/lembaga')).json().map((l: { id: string }) => l.id)).not.toContain(lembaga.json().id);

    const id = await caseOf(pendamping, '19');
    const sent = await post(pendamping, `/cases/${id}/referrals`, {
      lembagaId: lembaga.json().id,
      layanan: 'Pendampingan hukum dan visum',
      alasan: 'Korban KDRT membutuhkan visum et repertum',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const referral = sent.json();
    expect(referral).toMatchObject({ status: 'dikirim', batasHari: 5, terlambat: false, lembagaNama: 'UPTD PPA Provinsi Jawa Timur' });
    const drafted = await ctx.database.db
      .selectFrom('activities')
      .select('jenis')
      .where('user_id', '=', pendamping.user.id)
      .where('jenis', '=', 'pendampingan_rujukan')
      .execute();
    expect(drafted).toHaveLength(1);

    const early = await post(pendamping, `/referrals/${referral.id}/status`, { status: 'selesai', version: referral.version });
    expect(early.json().error.code).toBe('REFERRAL_STATE');
    const received = await post(pendamping, `/referrals/${referral.id}/status`, {
      status: 'diterima',
      petugasLembaga: 'Ibu Ratna',
      version: referral.version,
    });
    expect(received.json()).toMatchObject({ status: 'diterima', petugasLembaga: 'Ibu Ratna' });
    expect(received.json().diterimaPada).not.toBeNull();
    const stale = await post(pendamping, `/referrals/${referral.id}/status`, { status: 'disetujui', version: referral.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(
      (await post(jakarta, `/referrals/${referral.id}/status`, { status: 'disetujui', version: received.json().version })).statusCode,
    ).toBe(404);
    const noReason = await post(pendamping, `/referrals/${referral.id}/status`, { status: 'ditolak', version: received.json().version });
    expect(noReason.json().error.code).toBe('REFERRAL_INVALID');
    const accepted = await post(pendamping, `/referrals/${referral.id}/status`, { status: 'disetujui', version: received.json().version });
    expect(accepted.json().status).toBe('disetujui');
    const twice = await post(pendamping, `/referrals/${referral.id}/status`, {
      status: 'ditolak',
      catatan: 'x',
      version: accepted.json().version,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REFERRAL_STATE');
    const done = await post(pendamping, `/referrals/${referral.id}/status`, {
      status: 'selesai',
      catatan: 'Visum selesai, laporan polisi dibuat',
      version: accepted.json().version,
    });
    expect(done.json()).toMatchObject({ status: 'selesai' });
    const steps = (await get(pendamping, `/cases/${id}/timeline`)).json().filter((e: { jenis: string }) => e.jenis.startsWith('rujukan'));
    expect(steps.map((e: { data: { ke?: string; status?: string } }) => e.data.ke ?? e.data.status)).toEqual([
      'dikirim',
      'diterima',
      'disetujui',
      'selesai',
    ]);
  });

  it('are overdue when unanswered after the agreed days, on the pendamping’s and the koordinator’s task lists', async () => {
    const lembaga = (
      await post(koordinator, '/lembaga', { nama: 'RSUD Blambangan', jenis: 'rumah_sakit', wilayah: '35.10', batasHari: 3 })
    ).json();
    const id = await caseOf(pendamping, '16');
    const referral = (
      await post(pendamping, `/cases/${id}/referrals`, { lembagaId: lembaga.id, layanan: 'Terapi ARV', alasan: 'Putus obat ARV' })
    ).json();
    await ctx.database.db
      .updateTable('rujukan')
      .set({ dikirim_pada: new Date(Date.now() - 4 * 86_400_000) } as never)
      .where('id', '=', referral.id)
      .execute();
    expect((await get(pendamping, `/cases/${id}/referrals`)).json()[0].terlambat).toBe(true);
    const mine = (await get(pendamping, '/tasks')).json();
    expect(mine.rujukanMenunggu).toEqual(expect.arrayContaining([expect.objectContaining({ id: referral.id, terlambat: true })]));
    const team = (await get(koordinator, '/tasks')).json();
    expect(team.perPendamping.find((p: { pendampingId: string }) => p.pendampingId === pendamping.user.id)).toMatchObject({
      rujukan: expect.any(Number),
    });
    expect(team.perPendamping.find((p: { pendampingId: string }) => p.pendampingId === pendamping.user.id).rujukan).toBeGreaterThanOrEqual(
      1,
    );
    expect((await get(jakartaKoor, '/tasks')).json().rujukanMenunggu.map((r: { id: string }) => r.id)).not.toContain(referral.id);

    // Overdue stages on the task lists equal the case list's overdue filter, for the worker and the area.
    await ctx.database.db
      .updateTable('cases')
      .set({ tahapan_sejak: new Date(Date.now() - 400 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    const lateList = async (s: Session, query: string) => (await get(s, `/cases?terlambat=true&pageSize=1${query}`)).json().total;
    const ownLate = (await get(pendamping, '/tasks')).json().tahapanTerlambat;
    expect(ownLate).toBeGreaterThanOrEqual(1);
    expect(ownLate).toBe(await lateList(pendamping, `&pendampingId=${pendamping.user.id}`));
    expect((await get(koordinator, '/tasks')).json().tahapanTerlambat).toBe(await lateList(koordinator, ''));

    // The dashboard's figure equals the waiting referrals counted from the base tables, per area.
    const base = async (prefix: string) =>
      await ctx.database.db
        .selectFrom('rujukan as r')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .select(['r.dikirim_pada', 'r.batas_hari'])
        .where('r.status', 'in', ['dikirim', 'diterima'])
        .where('c.wilayah', 'like', `${prefix}%`)
        .execute();
    const waiting = await base('35');
    const overview = (await get(koordinator, '/dashboard/overview?wilayah=35')).json();
    expect(overview.rujukan).toEqual({
      menunggu: waiting.length,
      terlambat: waiting.filter((r) => r.dikirim_pada.getTime() + r.batas_hari * 86_400_000 < Date.now()).length,
    });
    expect(overview.rujukan.terlambat).toBeGreaterThanOrEqual(1);
    expect((await get(jakartaKoor, '/dashboard/overview?wilayah=31')).json().rujukan).toEqual({
      menunggu: (await base('31')).length,
      terlambat: 0,
    });

    // When the koordinator moves the case to another village, its referrals follow (trigger).
    const kase = (await get(koordinator, `/cases/${id}`)).json();
    const moved = await koordinator.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: kase.version, wilayah: '35.10.01.2002' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const row = await ctx.database.db.selectFrom('rujukan').select('wilayah').where('id', '=', referral.id).executeTakeFirstOrThrow();
    expect(row.wilayah).toBe('35.10.01.2002');
  });

  it('only to an institution the case’s worker can see', async () => {
    const jakartaLembaga = (await post(jakartaKoor, '/lembaga', { nama: 'Sentra Handayani', jenis: 'sentra_kemensos' })).json();
    const id = await caseOf(pendamping, '02');
    const before = await count('rujukan');
    const refused = await post(pendamping, `/cases/${id}/referrals`, {
      lembagaId: jakartaLembaga.id,
      layanan: 'Pengasuhan',
      alasan: 'Anak telantar',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'REFERRAL_INVALID', details: [{ field: 'lembagaId' }] });
    expect(await count('rujukan')).toBe(before);
  });
});

describe('transfers', () => {
  it('wait for the receiver, who accepts; a second proposal, a second decision and a target outside the area are refused', async () => {
    const id = await caseOf(pendamping, '24');
    const before = await count('case_transfers');
    const outside = await post(pendamping, `/cases/${id}/transfers`, { kePendampingId: jakarta.user.id, alasan: 'Pindah' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('TRANSFER_INVALID');
    expect((await post(pendamping, `/cases/${id}/transfers`, { kePendampingId: koordinator.user.id, alasan: 'x' })).json().error.code).toBe(
      'TRANSFER_INVALID',
    );
    expect(await count('case_transfers')).toBe(before);

    const proposed = await post(pendamping, `/cases/${id}/transfers`, {
      kePendampingId: colleague.user.id,
      alasan: 'Beban kasus terlalu tinggi',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(
      (await post(pendamping, `/cases/${id}/transfers`, { kePendampingId: colleague.user.id, alasan: 'lagi' })).json().error.code,
    ).toBe('TRANSFER_STATE');
    expect((await get(colleague, '/tasks')).json().pengalihanMenunggu.map((t: { id: string }) => t.id)).toEqual([proposed.json().id]);
    expect((await post(jakarta, `/transfers/${proposed.json().id}/decision`, { keputusan: 'terima' })).statusCode).toBe(404);
    expect((await post(auditor, `/transfers/${proposed.json().id}/decision`, { keputusan: 'terima' })).statusCode).toBe(403);
    expect((await get(pendamping, `/cases/${id}`)).json().pendampingId).toBe(pendamping.user.id);

    const accepted = await post(colleague, `/transfers/${proposed.json().id}/decision`, { keputusan: 'terima' });
    expect(accepted.json()).toMatchObject({ status: 'diterima' });
    expect((await get(colleague, `/cases/${id}`)).json()).toMatchObject({ pendampingId: colleague.user.id, version: 2 });
    expect(
      (await post(colleague, `/transfers/${proposed.json().id}/decision`, { keputusan: 'tolak', catatan: 'x' })).json().error.code,
    ).toBe('TRANSFER_STATE');
    expect(await timelineKinds(id)).toEqual(['dibuat', 'pengalihan', 'pengalihan']);
  });

  it('declined needs a reason and leaves the case where it was', async () => {
    const id = await caseOf(pendamping, '24');
    const proposed = (
      await post(koordinator, `/cases/${id}/transfers`, { kePendampingId: colleague.user.id, alasan: 'Pemerataan beban' })
    ).json();
    expect((await post(colleague, `/transfers/${proposed.id}/decision`, { keputusan: 'tolak' })).statusCode).toBe(422);
    expect(
      (await post(colleague, `/transfers/${proposed.id}/decision`, { keputusan: 'tolak', catatan: 'Sedang cuti panjang' })).json().status,
    ).toBe('ditolak');
    expect((await get(pendamping, `/cases/${id}`)).json().pendampingId).toBe(pendamping.user.id);
  });
});

describe('a resolution that can be proven', () => {
  it('needs every criterion of the category met with evidence before the koordinator verifies; bimbingan lanjut schedules follow-ups', async () => {
    const id = await caseOf(pendamping, '21');
    const criteria = outcomeCriteria('21').map((k) => k.kode);
    expect(criteria).toEqual(['kebutuhan_dasar', 'psikososial', 'hunian', 'dokumen_pulih', 'reunifikasi']);
    const tooEarly = await put(pendamping, `/cases/${id}/outcomes`, {
      kriteria: [{ kriteria: 'hunian', terpenuhi: true, bukti: 'Foto huntara' }],
    });
    expect(tooEarly.json().error.code).toBe('CASE_ACTION_NOT_ALLOWED');
    await advanceCase(pendamping, koordinator, { id, ppks: '21', tahapan: 'pendekatan_awal' }, 'terminasi');

    expect(
      (await put(pendamping, `/cases/${id}/outcomes`, { kriteria: [{ kriteria: 'hunian', terpenuhi: true }] })).json().error,
    ).toMatchObject({ code: 'CASE_INVALID', details: [{ field: 'kriteria/0/bukti' }] });
    expect((await put(pendamping, `/cases/${id}/outcomes`, { kriteria: [{ kriteria: 'sekolah', terpenuhi: false }] })).statusCode).toBe(
      422,
    );
    const partial = await put(pendamping, `/cases/${id}/outcomes`, {
      kriteria: [{ kriteria: 'hunian', terpenuhi: true, bukti: 'Berita acara serah terima huntara No. 12' }],
    });
    expect(partial.json().belumTerpenuhi).toEqual(['kebutuhan_dasar', 'psikososial', 'dokumen_pulih', 'reunifikasi']);
    const refused = await post(koordinator, `/cases/${id}/verify`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'OUTCOME_NOT_MET',
      details: { kriteria: ['kebutuhan_dasar', 'psikososial', 'dokumen_pulih', 'reunifikasi'] },
    });

    await meetAllOutcomes(pendamping, id, '21');
    expect((await post(koordinator, `/cases/${id}/verify`)).json().status).toBe('terselesaikan');
    const late = await put(pendamping, `/cases/${id}/outcomes`, { kriteria: [{ kriteria: 'hunian', terpenuhi: false }] });
    expect(late.json().error.code).toBe('CASE_ACTION_NOT_ALLOWED');

    await moveTo(pendamping, id, ['bimbingan_lanjut']);
    const followups = (await get(pendamping, `/cases/${id}/followups`)).json();
    expect(followups).toHaveLength(3);
    const days = followups.map((f: { jadwal: string }) =>
      Math.round((Date.parse(f.jadwal) - Date.parse(followups[0].jadwal)) / 86_400_000),
    );
    expect(days).toEqual([0, 60, 150]);
    const recorded = await post(pendamping, `/followups/${followups[0].id}/record`, {
      kondisi: 'stabil',
      hasil: 'Keluarga sudah kembali bekerja',
    });
    expect(recorded.json()[0]).toMatchObject({ status: 'selesai', kondisi: 'stabil' });
    expect((await post(pendamping, `/followups/${followups[0].id}/record`, { kondisi: 'stabil', hasil: 'lagi' })).json().error.code).toBe(
      'FOLLOWUP_STATE',
    );
    expect((await post(jakarta, `/followups/${followups[1].id}/record`, { kondisi: 'stabil', hasil: 'x' })).statusCode).toBe(404);
  });
});

describe('sensitive identities', () => {
  async function childCase(): Promise<string> {
    serial += 1;
    const person = await pendamping.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: {
        nik: `351001100315${String(serial).padStart(4, '0')}`,
        nama: 'Rudi Hartono',
        jenisKelamin: 'L',
        tanggalLahir: '2015-03-10',
        kodeDesa: '35.10.01.2001',
        alamat: 'Dusun Krajan RT 01',
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const kase = await post(pendamping, '/cases', { beneficiaryId: person.json().id, ppks: '03' });
    expect(kase.statusCode, kase.body).toBe(201);
    return kase.json().id;
  }

  it('show a child’s name only to the owner and the koordinator; others see initials in the list and the page', async () => {
    const id = await childCase();
    const owner = (await get(pendamping, `/cases/${id}`)).json();
    expect(owner).toMatchObject({ sensitif: true, identitasTerlindungi: false });
    expect(owner.beneficiaryNama).toBe('Rudi Hartono');
    expect((await get(koordinator, `/cases/${id}`)).json().identitasTerlindungi).toBe(false);
    for (const session of [colleague, auditor]) {
      const page = (await get(session, `/cases/${id}`)).json();
      expect(page).toMatchObject({ identitasTerlindungi: true, beneficiaryNama: 'R. H.' });
      const listed = (await get(session, '/cases?ppks=03&pageSize=200')).json().items.find((c: { id: string }) => c.id === id);
      expect(listed.beneficiaryNama).toBe('R. H.');
    }
    const direktorat = await signIn(ctx, 'direktorat', null);
    expect((await get(direktorat, `/cases/${id}`)).json().beneficiaryNama).toBe('R. H.');
    const person = (await get(direktorat, `/beneficiaries/${owner.beneficiaryId}`)).json();
    expect(person).toMatchObject({
      nama: 'R. H.',
      alamat: null,
      nik: null,
      tanggalLahir: null,
      tahunLahir: 2015,
      kodeDesa: null,
      kabupaten: '35.10',
    });
  });

  it('open to an auditor only with a recorded reason (break-glass), which is audited', async () => {
    const id = await childCase();
    expect((await post(pendamping, `/cases/${id}/identity-access`, { alasan: 'Pemeriksaan pengaduan masyarakat' })).statusCode).toBe(403);
    expect((await post(jakartaKoor, `/cases/${id}/identity-access`, { alasan: 'Pemeriksaan pengaduan masyarakat' })).statusCode).toBe(404);
    expect((await post(auditor, `/cases/${id}/identity-access`, { alasan: 'cek' })).statusCode).toBe(422);
    const opened = await post(auditor, `/cases/${id}/identity-access`, { alasan: 'Pemeriksaan pengaduan masyarakat No. 17/2026' });
    expect(opened.json()).toMatchObject({ identitasTerlindungi: false });
    expect(opened.json().beneficiaryNama).toMatch(/^Rudi Hartono/);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', id)
      .where('action', '=', 'case.identity.break_glass')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).toContain('pengaduan masyarakat No. 17/2026');
  });
});

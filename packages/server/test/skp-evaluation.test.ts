import { INDICATOR_CODES, localClock, NILAI_BERAKHLAK, SKP_TEMPLATE, type PerformanceRecord, type Rating } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [koordinator, jakartaKoor] = await Promise.all([signIn(ctx, 'koordinator', '35'), signIn(ctx, 'koordinator', '31')]);
});
afterAll(() => ctx.close());

const year = () => Number(localClock(new Date(), 'Asia/Jakarta').tanggal.slice(0, 4));
const skpOf = async (s: Session, userId: string): Promise<PerformanceRecord> =>
  (await s.request({ method: 'GET', url: `/api/v1/performance/${userId}?year=${year()}` })).json();
const putPlan = (s: Session, userId: string, payload: object, y = year()) =>
  s.request({ method: 'PUT', url: `/api/v1/performance/${userId}/plan?year=${y}`, payload });
const rate = (s: Session, userId: string, periode: string, nilai: Record<string, Rating>, y = year()) =>
  s.request({ method: 'PUT', url: `/api/v1/performance/${userId}/behaviour/${periode}?year=${y}`, payload: { nilai } });
const allValues = (r: Rating) => Object.fromEntries(NILAI_BERAKHLAK.map((k) => [k, r])) as Record<string, Rating>;

/** Targets of zero make every work-result indicator met (100 %), whatever the month of the run. */
const resultsMet = Object.fromEntries(SKP_TEMPLATE.filter((t) => t.kelompok === 'hasil_kerja').map((t) => [t.kode, 0]));

describe('SKP evaluation (PermenPANRB 6/2022)', () => {
  it('attendance and hours are discipline: shown beside the work results, never counted in the work-result rating', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    // No day attended: kehadiran is 0 % of its 95 % target, and the hours' target stays unmet too.
    const res = await putPlan(koordinator, worker.user.id, { targets: resultsMet });
    expect(res.statusCode, res.body).toBe(200);
    const skp: PerformanceRecord = res.json();
    const byCode = new Map(skp.indikator.map((i) => [i.kode, i]));
    expect(byCode.get('kehadiran')).toMatchObject({ kelompok: 'disiplin', rating: 'di_bawah' });
    expect(byCode.get('jam_kegiatan')).toMatchObject({ kelompok: 'disiplin', rating: 'di_bawah' });
    expect(skp.indikator.filter((i) => i.kelompok === 'hasil_kerja').every((i) => i.capaian === 100)).toBe(true);
    expect(skp.indikator.map((i) => i.kode)).toEqual([...INDICATOR_CODES]);
    // Counted as results, two indicators at 0 % would pull the mean (75 %) below expectation.
    expect(skp).toMatchObject({ hasilKerja: 'sesuai', hasilKerjaDihitung: 'sesuai', penyesuaian: null });
  });

  it('the rating official may set the work-result rating against the computed one, only with a written reason', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    await putPlan(koordinator, worker.user.id, { targets: resultsMet });

    const bare = await putPlan(koordinator, worker.user.id, { hasilKerjaPenyesuaian: 'di_atas', hasilKerjaAlasan: 'bagus' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error).toMatchObject({ code: 'SKP_ADJUST_REASON_REQUIRED' });
    expect(bare.json().error.message).toContain('alasan tertulis');
    expect((await skpOf(koordinator, worker.user.id)).penyesuaian).toBeNull();

    const reason = 'Menangani 40 korban banjir di luar target selama penugasan tanggap darurat.';
    const set = await putPlan(koordinator, worker.user.id, { hasilKerjaPenyesuaian: 'di_atas', hasilKerjaAlasan: reason });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      hasilKerja: 'di_atas',
      hasilKerjaDihitung: 'sesuai',
      penyesuaian: { rating: 'di_atas', alasan: reason, oleh: koordinator.user.id },
    });
    // Rating behaviour later keeps the adjustment; the predikat follows the rating that counts.
    const rated = (await putPlan(koordinator, worker.user.id, { perilaku: 'di_atas' })).json();
    expect(rated).toMatchObject({ hasilKerja: 'di_atas', predikat: 'sangat_baik' });

    expect((await putPlan(worker, worker.user.id, { hasilKerjaPenyesuaian: 'di_bawah', hasilKerjaAlasan: reason })).statusCode).toBe(403);
    expect((await putPlan(jakartaKoor, worker.user.id, { hasilKerjaPenyesuaian: 'di_bawah', hasilKerjaAlasan: reason })).statusCode).toBe(
      404,
    );
    const cleared = (await putPlan(koordinator, worker.user.id, { hasilKerjaPenyesuaian: null })).json();
    expect(cleared).toMatchObject({ hasilKerja: 'sesuai', penyesuaian: null, predikat: 'baik' });
  });

  it('behaviour is rated per period on the seven BerAKHLAK values, and the year follows the periods', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    // Last year: every period of it has begun, whatever the month of the run.
    const last = year() - 1;
    const missing = await rate(koordinator, worker.user.id, 'TW1', { akuntabel: 'sesuai' }, last);
    expect(missing.statusCode).toBe(400);

    const tw1 = await rate(koordinator, worker.user.id, 'TW1', { ...allValues('sesuai'), kompeten: 'di_atas', loyal: 'di_bawah' }, last);
    expect(tw1.statusCode, tw1.body).toBe(200);
    expect(tw1.json().perilakuPeriode).toEqual([
      expect.objectContaining({
        periode: 'TW1',
        rating: 'sesuai',
        nilai: expect.objectContaining({ kompeten: 'di_atas', loyal: 'di_bawah' }),
      }),
    ]);
    const tw2 = (await rate(koordinator, worker.user.id, 'TW2', allValues('di_atas'), last)).json();
    expect(tw2.perilakuPeriode.map((p: { periode: string; rating: Rating }) => [p.periode, p.rating])).toEqual([
      ['TW1', 'sesuai'],
      ['TW2', 'di_atas'],
    ]);
    // The mean of sesuai (2) and di atas (3) is 2.5: above expectation for the year.
    expect(tw2.perilaku).toBe('di_atas');
    // A yearly rating given directly gives way to the periodic evaluations.
    expect((await putPlan(koordinator, worker.user.id, { perilaku: 'di_bawah' }, last)).json().perilaku).toBe('di_atas');

    const mixed = await rate(koordinator, worker.user.id, 'B03', allValues('sesuai'), last);
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.code).toBe('SKP_PERIOD_KIND_MIXED');
    const ahead = await rate(koordinator, worker.user.id, 'TW1', allValues('sesuai'), year() + 1);
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().error.code).toBe('SKP_PERIOD_NOT_YET');
    expect((await rate(koordinator, worker.user.id, 'TW5', allValues('sesuai'), last)).statusCode).toBe(400);
  });

  it('behaviour is rated by the koordinator of the area only, never by oneself, and every rating is audited', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    expect((await rate(worker, worker.user.id, 'B01', allValues('di_atas'))).statusCode).toBe(403);
    expect((await rate(jakartaKoor, worker.user.id, 'B01', allValues('di_atas'))).statusCode).toBe(404);
    const own = await rate(koordinator, koordinator.user.id, 'B01', allValues('di_atas'));
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OWN_REPORT');
    expect((await skpOf(koordinator, worker.user.id)).perilakuPeriode).toEqual([]);

    expect((await rate(koordinator, worker.user.id, 'B01', allValues('di_bawah'))).statusCode).toBe(200);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', worker.user.id)
      .where('action', '=', 'performance.behaviour')
      .execute();
    expect(audit).toEqual([expect.objectContaining({ details: expect.objectContaining({ periode: 'B01', rating: 'di_bawah' }) })]);
    // The paper sheet prints with a periodic evaluation in it.
    const pdf = await koordinator.request({ method: 'GET', url: `/api/v1/performance/${worker.user.id}/sheet.pdf?year=${year()}` });
    expect(pdf.statusCode).toBe(200);
  });
});

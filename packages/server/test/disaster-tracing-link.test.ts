import type { DisasterRecord, TracingRecord } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisaster, buildTracing, registerAffected } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * A found child recorded at once, registered as affected later, and the two linked (issue 18):
 * the tracing record then points at the registered person, whose registration fills its gaps.
 */

let ctx: TestContext;
let direktorat: Session;
let recorder: Session; // pendamping of Kab. Banyuwangi
let colleague: Session; // another pendamping there: the child is initials to them
let flood: DisasterRecord;
let other: DisasterRecord;

const link = (s: Session, t: Pick<TracingRecord, 'id' | 'version'>, affectedId: string, event = flood) =>
  s.request({
    method: 'POST',
    url: `/api/v1/disasters/${event.id}/tracing/${t.id}/affected`,
    payload: { affectedId, version: t.version },
  });

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, recorder, colleague] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
  ]);
  flood = await buildDisaster(direktorat, { wilayah: ['35.10'] });
  other = await buildDisaster(direktorat, { nama: 'Banjir lain', wilayah: ['35.10'] });
});
afterAll(() => ctx.close());

describe('POST /disasters/{id}/tracing/{tracingId}/affected', () => {
  it('links a found record to the affected person registered later; refuses a stale version, a sought record, another event’s person, a second link', async () => {
    // Found alone by the river, name unknown, about 6; registered at the shelter the next day.
    const found = await buildTracing(recorder, flood, { jenis: 'anak_tanpa_pendamping', arah: 'ditemukan', nama: null, perkiraanUmur: 6 });
    expect(found).toMatchObject({ affectedId: null, nama: null });
    const child = await registerAffected(recorder, flood, { nama: 'Dimas Aditya Pratama', jenisKelamin: 'P', perkiraanUmur: 6 });
    const elsewhere = await registerAffected(recorder, other, { nama: 'Warga Kejadian Lain' });
    const sought = await buildTracing(recorder, flood);
    const audits = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'disaster.tracing.link'`.execute(
            ctx.database.db,
          )
        ).rows[0]!.n,
      );

    for (const [response, status, code] of [
      [await link(recorder, { ...found, version: found.version + 1 }, child.id), 409, 'VERSION_CONFLICT'],
      [await link(recorder, sought, child.id), 422, 'TRACING_INVALID'],
      [await link(recorder, found, elsewhere.id), 422, 'TRACING_INVALID'],
      [await link(colleague, found, child.id), 403, 'IDENTITY_PROTECTED'],
      [await link(direktorat, found, child.id), 403, 'FORBIDDEN'],
    ] as const) {
      expect([response.statusCode, response.json().error.code], response.body).toEqual([status, code]);
    }
    expect(await audits()).toBe(0);

    const linked = await link(recorder, found, child.id);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ affectedId: child.id, nama: 'Dimas Aditya Pratama', version: found.version + 1 });
    const again = await link(recorder, linked.json(), child.id);
    expect([again.statusCode, again.json().error.details]).toEqual([422, [{ field: 'affectedId', code: 'sudah_terhubung' }]]);
    expect(await audits()).toBe(1);
  });
});

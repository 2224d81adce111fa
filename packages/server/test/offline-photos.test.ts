import { randomUUID } from 'node:crypto';
import type { OutboxBatchEntry, OutboxBatchResult } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Photos from the device's outbox (issue 17): a case attachment or an activity's evidence photo
 * taken offline is replayed to its own route with the raw image as the body and the entry's
 * Idempotency-Key. A replay after a lost answer must store nothing twice; the JSON batch never
 * carries one.
 */

let ctx: TestContext;
let owner: Session;

// A real 1×1 PNG, and another (one more byte of metadata) for "another file under the same key".
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const OTHER_PNG = Buffer.concat([PNG, Buffer.from([0])]);

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await signIn(ctx, 'pendamping', '35.10');
});
afterAll(() => ctx.close());

const upload = (url: string, body: Buffer, key: string) =>
  owner.request({ method: 'POST', url, payload: body, headers: { 'content-type': 'image/png', 'idempotency-key': key } });
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

async function attachmentsOf(caseId: string): Promise<Array<{ id: string }>> {
  return (await owner.request({ method: 'GET', url: `/api/v1/cases/${caseId}/attachments` })).json();
}

describe('photos replayed from the outbox', () => {
  it('a case attachment sent again with its key is stored once and answered as the first time', async () => {
    const kase = await buildCase(owner);
    const key = randomUUID();
    const url = `/api/v1/cases/${kase.id}/attachments?nama=foto-rumah.png&keterangan=Kondisi%20rumah`;
    const first = await upload(url, PNG, key);
    expect(first.statusCode, first.body).toBe(201);
    // The answer was lost on the way: the phone sends the same entry again, twice.
    for (let i = 0; i < 2; i++) {
      const again = await upload(url, PNG, key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
    }
    expect(await attachmentsOf(kase.id)).toEqual([expect.objectContaining({ id: first.json().id, nama: 'foto-rumah.png' })]);
    const stored = await owner.request({ method: 'GET', url: `/api/v1/attachments/${first.json().id}` });
    expect(Buffer.compare(stored.rawPayload, PNG)).toBe(0);

    // Other bytes under the same key are another write: refused, nothing stored.
    const other = await upload(url, OTHER_PNG, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await attachmentsOf(kase.id)).toHaveLength(1);
  });

  it('an activity photo sent again with its key is one photo and does not count against the five', async () => {
    const activity = (
      await owner.request({
        method: 'POST',
        url: '/api/v1/activities',
        payload: { tanggal: today(), jenis: 'kunjungan_rumah', durasiMenit: 30 },
      })
    ).json();
    const url = `/api/v1/activities/${activity.id}/photos`;
    const key = randomUUID();
    const first = await upload(url, PNG, key);
    expect(first.statusCode, first.body).toBe(201);
    for (let i = 0; i < 5; i++) {
      const again = await upload(url, PNG, key);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
    }
    expect((await owner.request({ method: 'GET', url: `/api/v1/activities/${activity.id}` })).json().jumlahFoto).toBe(1);
    expect((await owner.request({ method: 'GET', url })).json()).toHaveLength(1);
    // Four more photos of their own still fit.
    for (let i = 0; i < 4; i++) expect((await upload(url, PNG, randomUUID())).statusCode).toBe(201);
  });

  it('an activity made offline keeps its id, so its photo, queued after it, finds it', async () => {
    const id = randomUUID();
    const body = { id, tanggal: today(), jenis: 'koordinasi_lintas_sektor', durasiMenit: 45 };
    const made = await owner.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: body,
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().id).toBe(id);
    expect((await upload(`/api/v1/activities/${id}/photos`, PNG, randomUUID())).statusCode).toBe(201);
    expect((await owner.request({ method: 'GET', url: `/api/v1/activities/${id}` })).json().jumlahFoto).toBe(1);
    // The id again (a new write, not a replay): refused, naming nothing.
    const taken = await owner.request({ method: 'POST', url: '/api/v1/activities', payload: { ...body, durasiMenit: 10 } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('ID_TAKEN');
  });

  it('the JSON batch refuses a photo route: such an entry goes alone to its own route', async () => {
    const kase = await buildCase(owner);
    const entries: OutboxBatchEntry[] = [
      { id: randomUUID(), method: 'POST', path: `/cases/${kase.id}/attachments?nama=a.png`, body: {}, actedAt: new Date().toISOString() },
      { id: randomUUID(), method: 'POST', path: `/cases/${kase.id}/attachments`, body: {}, actedAt: new Date().toISOString() },
      { id: randomUUID(), method: 'POST', path: `/activities/${randomUUID()}/photos`, body: {}, actedAt: new Date().toISOString() },
    ];
    const response = await owner.request({ method: 'POST', url: '/api/v1/sync/outbox', payload: { entries } });
    expect(response.statusCode, response.body).toBe(200);
    const results = (response.json() as { results: OutboxBatchResult[] }).results;
    expect(results.map((r) => [r.status, (r.body as { error: { code: string } }).error.code])).toEqual([
      [400, 'OUTBOX_PATH_NOT_ALLOWED'],
      [400, 'OUTBOX_PATH_NOT_ALLOWED'],
      [400, 'OUTBOX_PATH_NOT_ALLOWED'],
    ]);
    expect(await attachmentsOf(kase.id)).toEqual([]);
  });
});

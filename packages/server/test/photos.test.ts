import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session;
let colleague: Session;
let koordinator: Session;
let jakartaKoor: Session;

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, colleague, koordinator, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
  ]);
});
afterAll(() => ctx.close());

const upload = (s: Session, url: string, body: Buffer, type = 'image/png') =>
  s.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

describe('photo evidence', () => {
  it('attaches photos to one’s own draft, seen by the area’s koordinator and nobody else', async () => {
    const entry = (
      await pendamping.request({
        method: 'POST',
        url: '/api/v1/activities',
        payload: { tanggal: today(), jenis: 'kunjungan_rumah', durasiMenit: 60 },
      })
    ).json();
    const added = await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, PNG);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ mime: 'image/png', ukuran: PNG.length });
    const photo = added.json().id;
    expect((await pendamping.request({ method: 'GET', url: `/api/v1/activities/${entry.id}` })).json().jumlahFoto).toBe(1);

    const seen = await koordinator.request({ method: 'GET', url: `/api/v1/photos/${photo}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(seen.rawPayload, PNG)).toBe(0);
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/photos/${photo}` })).statusCode).toBe(404);
    expect((await colleague.request({ method: 'GET', url: `/api/v1/photos/${photo}` })).statusCode).toBe(404);
    expect((await colleague.request({ method: 'GET', url: `/api/v1/activities/${entry.id}/photos` })).statusCode).toBe(404);
    expect((await upload(colleague, `/api/v1/activities/${entry.id}/photos`, PNG)).statusCode).toBe(404);

    // Not an image, too big, too many: refused, nothing stored.
    const fake = await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, Buffer.from('=cmd|/c calc'), 'image/jpeg');
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error).toMatchObject({ code: 'PHOTO_INVALID', message: expect.stringContaining('2 MB') });
    const huge = await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect((await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, PNG, 'application/pdf')).statusCode).toBe(415);
    for (let i = 0; i < 4; i++) expect((await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, PNG)).statusCode).toBe(201);
    expect((await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, PNG)).json().error.code).toBe('PHOTO_INVALID');
    expect((await pendamping.request({ method: 'GET', url: `/api/v1/activities/${entry.id}/photos` })).json()).toHaveLength(5);

    // Once submitted, the evidence is fixed.
    await pendamping.request({ method: 'POST', url: `/api/v1/activities/${entry.id}/submit` });
    expect((await upload(pendamping, `/api/v1/activities/${entry.id}/photos`, PNG)).json().error.code).toBe('ACTIVITY_NOT_EDITABLE');
    expect((await pendamping.request({ method: 'DELETE', url: `/api/v1/photos/${photo}` })).json().error.code).toBe(
      'ACTIVITY_NOT_EDITABLE',
    );
  });

  it('takes an optional selfie with today’s check-in only', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    expect((await upload(worker, '/api/v1/attendance/selfie', PNG)).json().error.code).toBe('NOT_CHECKED_IN');
    await worker.request({ method: 'POST', url: '/api/v1/attendance/check-in', payload: { lat: -8.2, lng: 114.3, accuracy: 9 } });
    const selfie = await upload(worker, '/api/v1/attendance/selfie', PNG);
    expect(selfie.statusCode, selfie.body).toBe(201);
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/photos/${selfie.json().id}` })).statusCode).toBe(200);
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/photos/${selfie.json().id}` })).statusCode).toBe(404);
  });
});

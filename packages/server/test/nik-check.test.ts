import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let jakarta: Session; // pendamping, Kota Jakarta Pusat
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, jakarta, auditor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

const check = (s: Session, nik: string) => s.request({ method: 'GET', url: `/api/v1/beneficiaries/nik-check/${nik}` });

describe('checking a NIK while registering', () => {
  it('answers not registered for a free NIK', async () => {
    const r = await check(owner, '3510014508900099');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ terdaftar: false, orang: null });
  });

  it('names the holder and links to them inside the scope', async () => {
    const person = await buildPerson(owner, { nama: 'Rukmini Handayani' });
    const r = await check(colleague, person.nik!);
    expect(r.json()).toEqual({ terdaftar: true, orang: { id: person.id, nama: 'Rukmini Handayani' } });
  });

  it('gives only initials of a protected child to a colleague who may not see them', async () => {
    const child = await buildPerson(owner, { child: true, nama: 'Anindya Putri Lestari' });
    expect((await check(owner, child.nik!)).json().orang.nama).toBe('Anindya Putri Lestari');
    const r = await check(colleague, child.nik!);
    expect(r.json().terdaftar).toBe(true);
    expect(r.body).not.toContain('Anindya');
    expect(r.json().orang.id).toBe(child.id);
  });

  it('tells another province only that the NIK is taken', async () => {
    const person = await buildPerson(owner, { nama: 'Sulastri Wibowo' });
    const r = await check(jakarta, person.nik!);
    expect(r.json()).toEqual({ terdaftar: true, orang: null });
    expect(r.body).not.toContain(person.id);
  });

  it('refuses a role that does not register people, and malformed input, with a code', async () => {
    expect((await check(auditor, '3510014508900099')).statusCode).toBe(403);
    const bad = await check(owner, '12ab');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTruthy();
  });
});

import { cleanNik, cleanNomorSementara, isWithinScope, nameSearchKey, umurPada } from '@tuntas/domain';
import { sql, type Expression, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { auditProtectedReads } from '../audit/protected-reads.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity, identitySelections, seesIdentitySql } from '../authz/identity-protection.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound, versionConflict } from '../http/app-error.js';
import { validateBeneficiary, type BeneficiaryFields } from './beneficiary-rules.js';
import { toBeneficiaryView, type BeneficiaryRow, type BeneficiaryView } from './beneficiary-view.js';
import { matchName } from './name-search.js';

export interface BeneficiaryQuery {
  page: number;
  pageSize: number;
  /** NIK (whole, or its first digits) or a name, misspellings welcome. */
  q?: string | undefined;
  /** Narrow to an area inside the caller's scope. */
  wilayah?: string | undefined;
  noKk?: string | undefined;
}

function scoped(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('beneficiaries').where((eb) => inScope(eb, eb.ref('beneficiaries.kode_desa'), actor));
}

/** People in scope with the caller's identity flags: the only way the registry is read. */
export function peopleInScope(db: Kysely<DB>, actor: Actor) {
  return scoped(db, actor).selectAll('beneficiaries').select(identitySelections(actor, 'beneficiaries'));
}

/** Reads of protected people by anyone but their pendamping are audited (see `auditProtectedReads`). */
export function auditPeopleRead(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, action: string, rows: readonly BeneficiaryRow[]) {
  const reads = rows.map((r) => ({ entityType: 'beneficiary', entityId: r.id, subjectId: r.id, wilayah: r.kode_desa, flags: r }));
  return auditProtectedReads(db, actor, origin, action, reads);
}

type BeneficiarySelect = ReturnType<typeof scoped>;

/** The province stated as well as the area, so the name index (province, words) serves the search. */
function inProvince(base: BeneficiarySelect, area: string | null | undefined): BeneficiarySelect {
  return area ? base.where('provinsi', '=', area.slice(0, 2)) : base;
}

async function page(base: BeneficiarySelect, query: BeneficiaryQuery & { actor: Actor }, rank: Expression<number> | null) {
  const ordered = rank ? base.orderBy(rank, 'desc').orderBy('nama').orderBy('id') : base.orderBy('nama').orderBy('id');
  // One pass gives the page and the count; only a page past the end needs the count asked again.
  const rows = await ordered
    .selectAll('beneficiaries')
    .select(identitySelections(query.actor, 'beneficiaries'))
    .select(sql<number>`count(*) over ()`.as('total'))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const total =
    rows[0]?.total ?? (query.page > 1 ? (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n : 0);
  return { rows: rows as BeneficiaryRow[], total: Number(total) };
}

export async function listBeneficiaries(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  query: BeneficiaryQuery,
): Promise<{ items: BeneficiaryView[]; total: number }> {
  let base = inProvince(scoped(db, actor), actor.wilayah);
  if (query.wilayah)
    base = inProvince(
      base.where((eb) => inScope(eb, eb.ref('beneficiaries.kode_desa'), { wilayah: query.wilayah! })),
      query.wilayah,
    );
  if (query.noKk) base = base.where('no_kk', '=', query.noKk);
  // A NIK pasted from a spreadsheet keeps its apostrophe text marker: cleaned as the importer does.
  const q = cleanNik(query.q ?? '');
  // A search by an identifying value never answers a question about someone the caller may not
  // identify: protected people outside the caller's care simply do not match.
  if (q || query.noKk) base = base.where(seesIdentitySql(actor, 'beneficiaries'));
  const digits = /^[0-9]+$/.test(q);
  // A person without NIK is found by the temporary number on their papers (`TMP-35-000123`).
  const nomorSementara = digits ? undefined : cleanNomorSementara(q);
  const key = digits || nomorSementara ? '' : nameSearchKey(q);
  const paging = { ...query, actor };
  let result: { rows: BeneficiaryRow[]; total: number };
  if (nomorSementara) result = await page(base.where('nomor_sementara', '=', nomorSementara), paging, null);
  else if (digits) result = await page(q.length === 16 ? base.where('nik', '=', q) : base.where('nik', 'like', `${q}%`), paging, null);
  else if (key) {
    const match = await matchName(db, key);
    result = { rows: [], total: 0 };
    if (match.strict) result = await page(base.where(match.strict), paging, match.rank);
    if (result.total === 0 && match.loose) result = await page(base.where(match.loose), paging, match.rank);
  } else if (q) return { items: [], total: 0 };
  else result = await page(base, paging, null);
  await auditPeopleRead(db, actor, origin, 'beneficiary.search', result.rows);
  return { items: result.rows.map(toBeneficiaryView), total: result.total };
}

export async function loadBeneficiary(db: Kysely<DB>, actor: Actor, id: string): Promise<BeneficiaryRow> {
  const row = await peopleInScope(db, actor).where('beneficiaries.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row as BeneficiaryRow;
}

/** 409 VERSION_CONFLICT with the person as they are now, in the caller's view (masked where it must be). */
export async function personConflict(db: Kysely<DB>, actor: Actor, id: string): Promise<AppError> {
  const now = await peopleInScope(db, actor).where('beneficiaries.id', '=', id).executeTakeFirst();
  return versionConflict(now ? toBeneficiaryView(now as BeneficiaryRow) : null);
}

export async function getBeneficiary(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<BeneficiaryView> {
  const row = await loadBeneficiary(db, actor, id);
  await auditPeopleRead(db, actor, origin, 'beneficiary.read', [row]);
  return toBeneficiaryView(row);
}

/** Changing a protected person's record (data, consent) is for those who may see who they are. */
export function assertIdentityOpen(actor: Actor, row: Pick<BeneficiaryRow, 'terlindungi' | 'terbuka'>): void {
  if (!hidesIdentity(row)) return;
  throw new AppError(actor.role === 'auditor' ? 'BREAK_GLASS_REQUIRED' : 'IDENTITY_PROTECTED');
}

export function assertWritable(actor: Actor, kodeDesa: string): void {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  if (!isWithinScope(actor.wilayah, kodeDesa)) throw new AppError('SCOPE_OUTSIDE_OWN');
}

/** `id`: a client-generated UUID (a person registered offline keeps it); one already used answers 409 ID_TAKEN. */
export async function createBeneficiary(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  fields: BeneficiaryFields & { id?: string | undefined },
): Promise<BeneficiaryView> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const input = await validateBeneficiary(db, fields);
  assertWritable(actor, input.kodeDesa);
  return db.transaction().execute(async (trx) => {
    // Whoever holds the id, in scope or not, the answer is the same and names nothing.
    if (fields.id && (await trx.selectFrom('beneficiaries').select('id').where('id', '=', fields.id).executeTakeFirst()))
      throw new AppError('ID_TAKEN');
    if (input.nik !== null) {
      const existing = await trx.selectFrom('beneficiaries').select(['id', 'kode_desa']).where('nik', '=', input.nik).executeTakeFirst();
      // The id is told only to those who may open the record; others learn just that the NIK is taken.
      if (existing) throw new AppError('NIK_EXISTS', isWithinScope(actor.wilayah, existing.kode_desa) ? { id: existing.id } : undefined);
    }
    // Without NIK the database issues the temporary registry number (trigger of migration 0017).
    const row = await trx
      .insertInto('beneficiaries')
      .values({
        ...(fields.id ? { id: fields.id } : {}),
        nik: input.nik,
        alasan_tanpa_nik: input.alasanTanpaNik,
        tanggal_lahir_perkiraan: input.tanggalLahirPerkiraan,
        no_kk: input.noKk,
        nama: input.nama,
        nama_kunci: nameSearchKey(input.nama),
        jenis_kelamin: input.jenisKelamin,
        tempat_lahir: input.tempatLahir,
        tanggal_lahir: input.tanggalLahir,
        alamat: input.alamat,
        kode_desa: input.kodeDesa,
        provinsi: input.kodeDesa.slice(0, 2),
        kategori_ppks: input.kategoriPpks,
        telepon: input.telepon,
        disabilitas: fields.disabilitas?.trim() || null,
        catatan: fields.catatan?.trim() || null,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.create',
      entityType: 'beneficiary',
      entityId: row.id,
      wilayah: row.kode_desa,
      ...(row.nik === null ? { details: { tanpaNik: true, perkiraanUmur: row.tanggal_lahir_perkiraan } } : {}),
    });
    return toBeneficiaryView(await loadBeneficiary(trx, actor, row.id));
  });
}

export async function updateBeneficiary(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  version: number,
  patch: Partial<BeneficiaryFields>,
): Promise<BeneficiaryView> {
  const current = await loadBeneficiary(db, actor, id);
  assertWritable(actor, current.kode_desa);
  assertIdentityOpen(actor, current);
  // A NIK for someone registered without one is linked (POST /beneficiaries/{id}/nik): that path
  // merges with a record already holding the NIK instead of refusing it.
  if (current.nik === null && String(patch.nik ?? '').trim() !== '') throw new AppError('NIK_LINK_REQUIRED');
  const before = fieldsOf(current);
  const merged: BeneficiaryFields = { ...before, ...patch };
  const input = await validateBeneficiary(db, merged);
  assertWritable(actor, input.kodeDesa);
  // An estimate kept as it was unless a date or another age is given: re-estimating from the
  // same age would move the stored date at every edit.
  const keepEstimate = current.tanggal_lahir_perkiraan && input.tanggalLahirPerkiraan && merged.perkiraanUmur === before.perkiraanUmur;
  const tanggalLahir = keepEstimate ? current.tanggal_lahir : input.tanggalLahir;
  return db.transaction().execute(async (trx) => {
    if (input.nik !== null && input.nik !== current.nik) {
      const taken = await trx.selectFrom('beneficiaries').select('id').where('nik', '=', input.nik).executeTakeFirst();
      if (taken) throw new AppError('NIK_EXISTS');
    }
    const row = await trx
      .updateTable('beneficiaries')
      .set({
        nik: input.nik,
        alasan_tanpa_nik: input.alasanTanpaNik,
        tanggal_lahir_perkiraan: input.tanggalLahirPerkiraan,
        no_kk: input.noKk,
        nama: input.nama,
        nama_kunci: nameSearchKey(input.nama),
        jenis_kelamin: input.jenisKelamin,
        tempat_lahir: input.tempatLahir,
        tanggal_lahir: tanggalLahir,
        alamat: input.alamat,
        kode_desa: input.kodeDesa,
        provinsi: input.kodeDesa.slice(0, 2),
        kategori_ppks: input.kategoriPpks,
        telepon: input.telepon,
        disabilitas: merged.disabilitas?.trim() || null,
        catatan: merged.catatan?.trim() || null,
        updated_by: actor.id,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await personConflict(trx, actor, id);
    const changed = (Object.keys(patch) as Array<keyof BeneficiaryFields>).filter(
      (k) => String(patch[k] ?? '') !== String(before[k] ?? ''),
    );
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.update',
      entityType: 'beneficiary',
      entityId: id,
      wilayah: row.kode_desa,
      details: { fields: changed, version: row.version, ...(row.kode_desa !== current.kode_desa ? { movedFrom: current.kode_desa } : {}) },
    });
    // Read back through the rule: a person moved out of the caller's area is no longer theirs to see.
    const after = await peopleInScope(trx, actor).where('beneficiaries.id', '=', id).executeTakeFirst();
    return after ? toBeneficiaryView(after as BeneficiaryRow) : toBeneficiaryView({ ...current, ...row, terbuka: false, pemilik: false });
  });
}

/** A stored person as the API's fields; an estimated birth date as the age it stands for. */
export function fieldsOf(current: BeneficiaryRow): BeneficiaryFields {
  return {
    nik: current.nik,
    alasanTanpaNik: current.alasan_tanpa_nik,
    noKk: current.no_kk,
    nama: current.nama,
    jenisKelamin: current.jenis_kelamin,
    tempatLahir: current.tempat_lahir,
    tanggalLahir: current.tanggal_lahir_perkiraan ? null : current.tanggal_lahir,
    perkiraanUmur: current.tanggal_lahir_perkiraan ? umurPada(current.tanggal_lahir) : null,
    alamat: current.alamat,
    kodeDesa: current.kode_desa,
    kategoriPpks: current.kategori_ppks,
    telepon: current.telepon,
    disabilitas: current.disabilitas,
    catatan: current.catatan,
  };
}

/**
 * Everyone on the same family card (No. KK) that the caller may see. Asked about a person the
 * caller may not identify, it answers that person alone: the family would name them.
 */
export async function household(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
): Promise<{ noKk: string | null; members: BeneficiaryView[] }> {
  const person = await loadBeneficiary(db, actor, id);
  if (!person.no_kk || hidesIdentity(person)) {
    await auditPeopleRead(db, actor, origin, 'beneficiary.household.read', [person]);
    return { noKk: null, members: [toBeneficiaryView(person)] };
  }
  const family = (await peopleInScope(db, actor).where('no_kk', '=', person.no_kk).orderBy('tanggal_lahir').execute()) as BeneficiaryRow[];
  // A protected member the caller may not identify is left out: initials beside a named parent
  // would still say who the child is.
  const rows = family.filter((r) => !hidesIdentity(r));
  await auditPeopleRead(db, actor, origin, 'beneficiary.household.read', rows);
  return { noKk: person.no_kk, members: rows.map(toBeneficiaryView) };
}

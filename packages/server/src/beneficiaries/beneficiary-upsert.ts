import { nameSearchKey, type BeneficiaryInput } from '@tuntas/domain';
import { expressionBuilder, sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';

/** ASCII unit separator: no one types it, and PostgreSQL splits on it in C. */
const UNIT = '\x1f';

/**
 * One column of a batch as one text parameter, values joined by the unit separator; null is
 * empty. PostgreSQL splits it with `string_to_array`, which costs half of parsing the same rows
 * as JSON. A value holding the separator itself (a control character nobody means) gets a space.
 */
function column(values: Array<string | null>): string {
  const joined = values.join(UNIT);
  let separators = 0;
  for (let i = joined.indexOf(UNIT); i !== -1; i = joined.indexOf(UNIT, i + 1)) separators += 1;
  return separators === values.length - 1 ? joined : values.map((v) => v?.replaceAll(UNIT, ' ') ?? '').join(UNIT);
}

const split = (text: string) => sql`string_to_array(${text}::text, ${UNIT}::text)`;

/** The columns an import writes, by the names of the file's header; a change is reported by them. */
const FIELDS = [
  'no_kk',
  'nama',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'alamat',
  'kode_desa',
  'kategori_ppks',
  'telepon',
] as const;

export interface UpsertResult {
  inserted: number;
  /** Existing people written again (changed or not). */
  updated: number;
  /** NIKs that were registered before (and within the scope given). */
  existing: Set<string>;
  /** NIKs registered outside the scope given: left exactly as they were. */
  blocked: Set<string>;
  /** Existing people whose stored values changed, with the names of the fields that did. */
  changes: Array<{ id: string; kodeDesa: string; fields: string[] }>;
  /** Positions (in the rows given) of people without NIK found registered already: not added again. */
  knownWithoutNik: Set<number>;
}

/**
 * Inserts or updates many people in one statement: NIK is the key, so importing the same file
 * twice updates rather than duplicates. With a scope, a person registered outside it is never
 * updated (the conflict's update is guarded in the same statement, so no race can slip one
 * through) and comes back in `blocked`. Every statement of the WITH sees the table as it was
 * before, so `old` gives the values the update replaced.
 */
export async function upsertBeneficiaries(
  db: Kysely<DB>,
  rows: BeneficiaryInput[],
  actorId: string | null,
  scope: Pick<Actor, 'wilayah'> = { wilayah: null },
): Promise<UpsertResult> {
  const withoutNik: number[] = [];
  const withNik: BeneficiaryInput[] = [];
  rows.forEach((r, i) => (r.nik === null ? withoutNik.push(i) : withNik.push(r)));
  const stored = await upsertByNik(db, withNik, actorId, scope);
  if (withoutNik.length === 0) return stored;
  const added = await insertWithoutNik(
    db,
    withoutNik.map((i) => rows[i]!),
    actorId,
  );
  return { ...stored, inserted: stored.inserted + added.inserted, knownWithoutNik: new Set([...added.known].map((k) => withoutNik[k]!)) };
}

/**
 * People without NIK have no key to upsert on: they are inserted (the database issues each a
 * temporary number), in one statement per batch like the rest. A row naming someone without NIK
 * already registered in the same village with the same name key and sex, born within a year, is
 * taken as that person (so importing a file twice does not register them twice) and reported.
 * The village is the importer's own (rows outside their scope never get here).
 */
async function insertWithoutNik(
  db: Kysely<DB>,
  rows: BeneficiaryInput[],
  actorId: string | null,
): Promise<{ inserted: number; known: Set<number> }> {
  const result = await sql<{ inserted: number; known: number[] | null }>`
    with input as (
      select * from unnest(
        ${split(column(rows.map((r) => r.alasanTanpaNik)))}, ${split(column(rows.map((r) => r.noKk)))},
        ${split(column(rows.map((r) => r.nama)))}, ${split(column(rows.map((r) => nameSearchKey(r.nama))))},
        ${split(column(rows.map((r) => r.jenisKelamin)))}, ${split(column(rows.map((r) => r.tempatLahir)))},
        ${split(column(rows.map((r) => r.tanggalLahir)))}, ${split(column(rows.map((r) => (r.tanggalLahirPerkiraan ? 't' : 'f'))))},
        ${split(column(rows.map((r) => r.alamat)))}, ${split(column(rows.map((r) => r.kodeDesa)))},
        ${split(column(rows.map((r) => r.kategoriPpks)))}, ${split(column(rows.map((r) => r.telepon)))}
      ) with ordinality as t (alasan, no_kk, nama, kunci, jk, tempat, tgl, perkiraan, alamat, desa, ppks, telepon, i)
    ),
    known as (
      select i.i from input i
       where exists (select 1 from beneficiaries b
                      where b.nik is null and b.kode_desa = i.desa and b.nama_kunci = i.kunci and b.jenis_kelamin = i.jk
                        and abs(b.tanggal_lahir - i.tgl::date) <= 366)
    ),
    stored as (
      insert into beneficiaries
        (nik, alasan_tanpa_nik, no_kk, nama, nama_kunci, jenis_kelamin, tempat_lahir, tanggal_lahir, tanggal_lahir_perkiraan,
         alamat, kode_desa, provinsi, kategori_ppks, telepon, created_by, updated_by)
      select null, alasan, nullif(no_kk, ''), nama, kunci, jk, nullif(tempat, ''), tgl::date, perkiraan::boolean,
        nullif(alamat, ''), desa, left(desa, 2), nullif(ppks, ''), nullif(telepon, ''), ${actorId}::uuid, ${actorId}::uuid
      from input where i not in (select i from known)
      returning id
    )
    select (select count(*)::int from stored) as inserted, (select array_agg(i::int - 1) from known) as known`.execute(db);
  const r = result.rows[0]!;
  return { inserted: r.inserted, known: new Set(r.known ?? []) };
}

/** The people with NIK of a batch: one upsert keyed by NIK. */
async function upsertByNik(
  db: Kysely<DB>,
  rows: BeneficiaryInput[],
  actorId: string | null,
  scope: Pick<Actor, 'wilayah'>,
): Promise<UpsertResult> {
  if (rows.length === 0)
    return { inserted: 0, updated: 0, existing: new Set(), blocked: new Set(), changes: [], knownWithoutNik: new Set() };
  const guard =
    scope.wilayah === null
      ? sql``
      : sql`where ${inScope(expressionBuilder<DB, 'beneficiaries'>(), sql.ref('beneficiaries.kode_desa'), scope)}`;
  const changed = sql.join(FIELDS.map((f) => sql`case when s.${sql.ref(f)} is distinct from o.${sql.ref(f)} then ${sql.lit(f)} end`));
  const result = await sql<{
    inserted: number;
    updated: number;
    existing: string[] | null;
    blocked: string[] | null;
    changed_ids: string[] | null;
    changed_areas: string[] | null;
    changed_fields: string[] | null;
  }>`
    with input as (
      select * from unnest(
        ${split(column(rows.map((r) => r.nik!)))}, ${split(column(rows.map((r) => r.noKk)))},
        ${split(column(rows.map((r) => r.nama)))}, ${split(column(rows.map((r) => nameSearchKey(r.nama))))},
        ${split(column(rows.map((r) => r.jenisKelamin)))}, ${split(column(rows.map((r) => r.tempatLahir)))},
        ${split(column(rows.map((r) => r.tanggalLahir)))}, ${split(column(rows.map((r) => r.alamat)))},
        ${split(column(rows.map((r) => r.kodeDesa)))}, ${split(column(rows.map((r) => r.kategoriPpks)))},
        ${split(column(rows.map((r) => r.telepon)))}
      ) as t (nik, no_kk, nama, kunci, jk, tempat, tgl, alamat, desa, ppks, telepon)
    ),
    old as (
      select b.nik, ${sql.join(FIELDS.map((f) => sql`b.${sql.ref(f)}`))} from beneficiaries b where b.nik in (select nik from input)
    ),
    stored as (
      insert into beneficiaries
        (nik, no_kk, nama, nama_kunci, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, kode_desa, provinsi, kategori_ppks, telepon, created_by, updated_by)
      select nik, nullif(no_kk, ''), nama, kunci, jk, nullif(tempat, ''), tgl::date, nullif(alamat, ''), desa, left(desa, 2),
        nullif(ppks, ''), nullif(telepon, ''), ${actorId}::uuid, ${actorId}::uuid
      from input
      on conflict (nik) do update set
        no_kk = coalesce(excluded.no_kk, beneficiaries.no_kk),
        nama = excluded.nama,
        nama_kunci = excluded.nama_kunci,
        jenis_kelamin = excluded.jenis_kelamin,
        tempat_lahir = coalesce(excluded.tempat_lahir, beneficiaries.tempat_lahir),
        tanggal_lahir = excluded.tanggal_lahir,
        alamat = coalesce(excluded.alamat, beneficiaries.alamat),
        kode_desa = excluded.kode_desa,
        provinsi = excluded.provinsi,
        kategori_ppks = coalesce(excluded.kategori_ppks, beneficiaries.kategori_ppks),
        telepon = coalesce(excluded.telepon, beneficiaries.telepon),
        updated_by = excluded.updated_by,
        updated_at = now(),
        version = beneficiaries.version + 1
      ${guard}
      returning id, nik, ${sql.join(FIELDS.map((f) => sql.ref(f)))}, (xmax = 0) as inserted
    ),
    changed as (
      select s.id, s.kode_desa, array_remove(array[${changed}], null) as fields
        from stored s join old o on o.nik = s.nik
       where not s.inserted
    )
    select w.inserted, w.updated, w.existing, b.blocked, c.ids as changed_ids, c.areas as changed_areas, c.fields as changed_fields
      from (select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated,
                   array_agg(nik) filter (where not inserted) as existing from stored) w,
           (select array_agg(nik) as blocked from input where nik not in (select nik from stored)) b,
           (select array_agg(id::text) as ids, array_agg(kode_desa) as areas, array_agg(array_to_string(fields, ',')) as fields
              from changed where cardinality(fields) > 0) c`.execute(db);
  const r = result.rows[0]!;
  const ids = r.changed_ids ?? [];
  return {
    inserted: r.inserted,
    updated: r.updated,
    existing: new Set(r.existing ?? []),
    blocked: new Set(r.blocked ?? []),
    changes: ids.map((id, i) => ({ id, kodeDesa: r.changed_areas![i]!, fields: r.changed_fields![i]!.split(',') })),
    knownWithoutNik: new Set(),
  };
}

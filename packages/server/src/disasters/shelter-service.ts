import type { FasilitasPosko, JenisPosko, ShelterRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { fieldError } from '../http/app-error.js';
import { loadDisaster, loadForSheltering, villageInEvent } from './disaster-service.js';

export interface ShelterInput {
  nama: string;
  jenis: JenisPosko;
  kodeDesa: string;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  kapasitas: number;
  fasilitas?: FasilitasPosko[] | undefined;
  kebutuhan?: string | null | undefined;
}

/** Occupants now: the affected people recorded there as mengungsi (computed, never typed). */
function selectShelters(db: Kysely<DB>, disasterId: string) {
  return db
    .selectFrom('disaster_shelters as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*)::int from disaster_affected a where a.shelter_id = s.id and a.kondisi = 'mengungsi')`.as('penghuni'),
    )
    .where('s.disaster_id', '=', disasterId);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectShelters>['execute']>>[number];

function present(r: Row): ShelterRecord {
  return {
    id: r.id,
    disasterId: r.disaster_id,
    nama: r.nama,
    jenis: r.jenis,
    kodeDesa: r.kode_desa,
    lat: r.lat,
    lng: r.lng,
    kapasitas: r.kapasitas,
    penghuni: r.penghuni,
    melebihiKapasitas: r.penghuni > r.kapasitas,
    fasilitas: r.fasilitas,
    kebutuhan: r.kebutuhan,
  };
}

export async function listShelters(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<ShelterRecord[]> {
  await loadDisaster(db, actor, id, now);
  return (await selectShelters(db, id).orderBy('s.nama').orderBy('s.id').execute()).map(present);
}

export async function getShelter(db: Kysely<DB>, disasterId: string, shelterId: string): Promise<ShelterRecord> {
  return present(await selectShelters(db, disasterId).where('s.id', '=', shelterId).executeTakeFirstOrThrow());
}

/** A shelter of the event in one of its villages; GPS both or neither. */
export async function createShelter(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: ShelterInput,
  now: Date,
): Promise<ShelterRecord> {
  await loadForSheltering(db, actor, id, now);
  const village = await db.selectFrom('wilayah').select('tingkat').where('kode', '=', input.kodeDesa).executeTakeFirst();
  if (!village || village.tingkat !== 4) throw fieldError('DISASTER_INVALID', 'kodeDesa', 'bukan_desa');
  if (!(await villageInEvent(db, id, input.kodeDesa))) throw fieldError('DISASTER_INVALID', 'kodeDesa', 'di_luar_wilayah_bencana');
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  if ((lat === null) !== (lng === null)) throw fieldError('DISASTER_INVALID', lat === null ? 'lat' : 'lng', 'koordinat_tidak_lengkap');
  const shelterId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disaster_shelters')
      .values({
        disaster_id: id,
        nama: input.nama.trim(),
        jenis: input.jenis,
        kode_desa: input.kodeDesa,
        lat,
        lng,
        kapasitas: input.kapasitas,
        fasilitas: [...new Set(input.fasilitas ?? [])],
        kebutuhan: input.kebutuhan?.trim() || null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.shelter.create',
      entityType: 'disaster',
      entityId: id,
      wilayah: input.kodeDesa,
      details: { shelterId: row.id, kapasitas: input.kapasitas },
    });
    return row.id;
  });
  return getShelter(db, id, shelterId);
}

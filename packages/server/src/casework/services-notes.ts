import type { ServiceView } from '@tuntas/domain';
import { isAtensiCode } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { workerClock } from '../workforce/worker.js';
import { fieldError } from '../http/app-error.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';

export interface ServiceInput {
  jenis: 'layanan' | 'catatan';
  atensi?: string | null | undefined;
  tanggal: string;
  tempat?: string | null | undefined;
  pelaksana?: string | null | undefined;
  uraian: string;
}

/** A service delivered (which ATENSI form, when, where, by whom) or a case note. */
export async function addService(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  input: ServiceInput,
): Promise<ServiceView> {
  const kase = await caseForWork(db, actor, caseId);
  const today = workerClock(kase.wilayah, new Date()).tanggal;
  const uraian = input.uraian.trim();
  if (!uraian) throw fieldError('CASE_INVALID', 'uraian', 'WAJIB');
  if (input.tanggal > today) throw fieldError('CASE_INVALID', 'tanggal', 'DI_MASA_DEPAN');
  if (input.tanggal < kase.created_at.toISOString().slice(0, 10)) throw fieldError('CASE_INVALID', 'tanggal', 'SEBELUM_KASUS_DIBUKA');
  const atensi = input.jenis === 'layanan' ? (input.atensi ?? null) : null;
  if (input.jenis === 'layanan' && (!atensi || !isAtensiCode(atensi))) throw fieldError('CASE_INVALID', 'atensi', 'WAJIB_UNTUK_LAYANAN');
  const values = {
    case_id: kase.id,
    jenis: input.jenis,
    atensi,
    tanggal: input.tanggal,
    tempat: input.tempat?.trim() || null,
    pelaksana: input.pelaksana?.trim() || null,
    uraian,
    created_by: actor.id,
  };
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('case_services').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: input.jenis, catatan: uraian, data: { atensi, tanggal: input.tanggal, tempat: values.tempat } },
      { action: `case.${input.jenis}`, details: { service: inserted.id } },
    );
    return inserted;
  });
  return {
    id: row.id,
    jenis: values.jenis,
    atensi,
    tanggal: values.tanggal,
    tempat: values.tempat,
    pelaksana: values.pelaksana,
    uraian,
    createdAt: row.created_at.toISOString(),
    oleh: actor.username,
  };
}

export async function listServices(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<ServiceView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'service');
  const rows = await db
    .selectFrom('case_services as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.id', 's.jenis', 's.atensi', 's.tanggal', 's.tempat', 's.pelaksana', 's.uraian', 's.created_at', 'u.username'])
    .where('s.case_id', '=', kase.id)
    .orderBy('s.tanggal', 'desc')
    .orderBy('s.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    jenis: r.jenis,
    atensi: r.atensi,
    tanggal: r.tanggal,
    tempat: r.tempat,
    pelaksana: r.pelaksana,
    uraian: r.uraian,
    createdAt: r.created_at.toISOString(),
    oleh: r.username,
  }));
}

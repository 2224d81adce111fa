import type { JenisLdp, KelompokUmurLdp, LdpSessionRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { fieldError } from '../http/app-error.js';
import { draftActivityFromLdpSession } from '../workforce/activity-drafts.js';
import { eventToday, loadDisaster, loadForRecording } from './disaster-service.js';

export interface LdpInput {
  tanggal: string;
  jenis: JenisLdp;
  shelterId?: string | null | undefined;
  tempat?: string | null | undefined;
  fasilitator?: string[] | undefined;
  peserta?: string[] | undefined;
  hitungan?: Array<{ kelompokUmur: KelompokUmurLdp; jenisKelamin: 'L' | 'P'; jumlah: number }> | undefined;
  catatan?: string | null | undefined;
}

const invalid = (field: string, reason: string) => fieldError('DISASTER_INVALID', field, reason);

function selectSessions(db: Kysely<DB>, disasterId: string) {
  return db
    .selectFrom('disaster_ldp_sessions as s')
    .selectAll('s')
    .select(
      sql<string[]>`array(select p.affected_id from disaster_ldp_peserta p where p.session_id = s.id order by p.affected_id)`.as('peserta'),
    )
    .select(
      sql<
        Array<{ kelompokUmur: KelompokUmurLdp; jenisKelamin: 'L' | 'P'; jumlah: number }>
      >`coalesce((select json_agg(json_build_object('kelompokUmur', c.kelompok_umur, 'jenisKelamin', c.jenis_kelamin, 'jumlah', c.jumlah) order by c.kelompok_umur, c.jenis_kelamin) from disaster_ldp_counts c where c.session_id = s.id), '[]'::json)`.as(
        'hitungan',
      ),
    )
    .where('s.disaster_id', '=', disasterId);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectSessions>['execute']>>[number];

function present(r: Row): LdpSessionRecord {
  const counted = r.hitungan.reduce((sum, c) => sum + c.jumlah, 0);
  return {
    id: r.id,
    disasterId: r.disaster_id,
    tanggal: r.tanggal,
    jenis: r.jenis,
    shelterId: r.shelter_id,
    tempat: r.tempat,
    fasilitator: r.fasilitator,
    peserta: r.peserta,
    jumlahPeserta: r.peserta.length + counted,
    hitungan: r.hitungan,
    catatan: r.catatan,
  };
}

export async function listLdpSessions(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<LdpSessionRecord[]> {
  await loadDisaster(db, actor, id, now);
  return (await selectSessions(db, id).orderBy('s.tanggal', 'desc').orderBy('s.created_at', 'desc').limit(1000).execute()).map(present);
}

/**
 * A group session: attendance by name (affected ids of this event) and, where people are not
 * registered, by counts per age band and sex. Held on a day of the event, not in the future; the
 * facilitators are pendamping or koordinator accounts (by default the pendamping recording it).
 */
export async function createLdpSession(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: LdpInput,
  now: Date,
): Promise<LdpSessionRecord> {
  const event = await loadForRecording(db, actor, id, now);
  if (input.tanggal > eventToday(event, now)) throw invalid('tanggal', 'masa_depan');
  if (input.tanggal < event.mulai) throw invalid('tanggal', 'sebelum_kejadian');
  const shelter = input.shelterId
    ? await db
        .selectFrom('disaster_shelters')
        .select('nama')
        .where('id', '=', input.shelterId)
        .where('disaster_id', '=', id)
        .executeTakeFirst()
    : null;
  if (shelter === undefined) throw invalid('shelterId', 'tidak_dikenal');
  const fasilitator = [...new Set(input.fasilitator?.length ? input.fasilitator : actor.role === 'pendamping' ? [actor.id] : [])];
  if (fasilitator.length) {
    const users = await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', fasilitator)
      .where('role', 'in', ['pendamping', 'koordinator'])
      .where('disabled_at', 'is', null)
      .execute();
    const known = new Set(users.map((u) => u.id));
    const i = fasilitator.findIndex((f) => !known.has(f));
    if (i >= 0) throw invalid(`fasilitator/${i}`, 'bukan_pendamping_aktif');
  }
  const peserta = [...new Set(input.peserta ?? [])];
  if (peserta.length) {
    const rows = await db.selectFrom('disaster_affected').select('id').where('disaster_id', '=', id).where('id', 'in', peserta).execute();
    const known = new Set(rows.map((r) => r.id));
    const i = peserta.findIndex((p) => !known.has(p));
    if (i >= 0) throw invalid(`peserta/${i}`, 'bukan_korban_kejadian_ini');
  }
  const counts = input.hitungan ?? [];
  const seen = new Set<string>();
  counts.forEach((c, i) => {
    const key = `${c.kelompokUmur}/${c.jenisKelamin}`;
    if (seen.has(key)) throw invalid(`hitungan/${i}`, 'ganda');
    seen.add(key);
  });
  if (peserta.length + counts.length === 0) throw invalid('peserta', 'wajib');
  const sessionId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disaster_ldp_sessions')
      .values({
        disaster_id: id,
        tanggal: input.tanggal,
        jenis: input.jenis,
        shelter_id: input.shelterId ?? null,
        tempat: input.tempat?.trim() || null,
        fasilitator,
        catatan: input.catatan?.trim() || null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (peserta.length)
      await trx
        .insertInto('disaster_ldp_peserta')
        .values(peserta.map((a) => ({ session_id: row.id, affected_id: a })))
        .execute();
    if (counts.length) {
      await trx
        .insertInto('disaster_ldp_counts')
        .values(counts.map((c) => ({ session_id: row.id, kelompok_umur: c.kelompokUmur, jenis_kelamin: c.jenisKelamin, jumlah: c.jumlah })))
        .execute();
    }
    await draftActivityFromLdpSession(
      trx,
      actor,
      {
        disasterId: id,
        disasterNama: event.nama,
        tanggal: input.tanggal,
        jenis: input.jenis,
        tempat: shelter?.nama ?? (input.tempat?.trim() || null),
        jumlahPeserta: peserta.length + counts.reduce((s, c) => s + c.jumlah, 0),
      },
      now,
    );
    await recordAudit(trx, actor, origin, {
      action: 'disaster.ldp.create',
      entityType: 'disaster',
      entityId: id,
      wilayah: event.wilayah[0]!,
      details: { sessionId: row.id, jenis: input.jenis, peserta: peserta.length, dihitung: counts.reduce((s, c) => s + c.jumlah, 0) },
    });
    return row.id;
  });
  return present(await selectSessions(db, id).where('s.id', '=', sessionId).executeTakeFirstOrThrow());
}

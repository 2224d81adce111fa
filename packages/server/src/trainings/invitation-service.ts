import type { InvitationPreview } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden } from '../http/app-error.js';
import { competencyMatrix } from './competency-service.js';
import { loadTraining } from './training-service.js';

/**
 * Invitations to an event (issue 22): by province(s), role, a competency gap ("below level n in
 * X") or by name. The same selection answers the preview and the invitation, so the organiser
 * invites exactly whom they saw; the quota and the organiser's reach hold for the whole batch.
 */
export interface InvitationCriteria {
  provinsi?: string[] | undefined;
  peran?: 'pendamping' | 'koordinator' | undefined;
  kurangKompetensi?: { kode: string; level: number } | undefined;
  userIds?: string[] | undefined;
}

async function selection(db: Kysely<DB>, actor: Actor, id: string, c: InvitationCriteria, now: Date): Promise<InvitationPreview> {
  const training = await loadTraining(db, actor, id);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const provinsi = c.provinsi ?? [];
  if (provinsi.length) {
    const found = new Set(
      (await db.selectFrom('wilayah').select('kode').where('kode', 'in', provinsi).where('tingkat', '=', 1).execute()).map((w) => w.kode),
    );
    const i = provinsi.findIndex((p) => !found.has(p));
    if (i >= 0) throw fieldError('TRAINING_INVALID', `provinsi/${i}`, 'bukan_provinsi');
  }
  if (c.kurangKompetensi) {
    const k = await db.selectFrom('kompetensi').select('kode').where('kode', '=', c.kurangKompetensi.kode).executeTakeFirst();
    if (!k) throw fieldError('TRAINING_INVALID', 'kurangKompetensi/kode', 'tidak_dikenal');
  }
  let people = await db
    .selectFrom('users')
    .select(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah', 'users.role'])
    .where('users.disabled_at', 'is', null)
    .where('users.wilayah', 'is not', null)
    .where('users.role', 'in', c.userIds ? ['pendamping', 'koordinator'] : [c.peran ?? 'pendamping'])
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
    .$if(c.userIds !== undefined, (q) =>
      q.where('users.id', 'in', c.userIds!.length ? c.userIds! : ['00000000-0000-0000-0000-000000000000']),
    )
    .$if(provinsi.length > 0, (q) => q.where((eb) => eb.or(provinsi.map((p) => inScope(eb, eb.ref('users.wilayah'), { wilayah: p })))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('training_participants as tp')
            .select('tp.user_id')
            .whereRef('tp.user_id', '=', 'users.id')
            .where('tp.training_id', '=', id),
        ),
      ),
    )
    .orderBy('users.wilayah')
    .orderBy('users.nama_lengkap')
    .execute();
  // A name out of reach, unknown or already registered is refused by its index: the organiser sees which.
  const named = new Set(people.map((p) => p.id));
  const missing = (c.userIds ?? []).findIndex((u) => !named.has(u));
  if (missing >= 0) throw fieldError('TRAINING_PARTICIPANT_INVALID', `userIds/${missing}`, 'di_luar_jangkauan_atau_terdaftar');
  let levels = new Map<string, number>();
  if (c.kurangKompetensi) {
    const { kode, level } = c.kurangKompetensi;
    const matrix = await competencyMatrix(db, actor, undefined, now);
    levels = new Map(matrix.pendamping.map((r) => [r.userId, r.kompetensi.find((k) => k.kode === kode)?.level ?? 0]));
    people = people.filter((p) => (levels.get(p.id) ?? 0) < level);
  }
  const { n } = await db
    .selectFrom('training_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('training_id', '=', id)
    .where('status', '<>', 'ditolak')
    .executeTakeFirstOrThrow();
  return {
    kuota: training.kuota,
    terdaftar: Number(n),
    calon: people.map((p) => ({
      userId: p.id,
      nama: p.nama_lengkap ?? p.username,
      wilayah: p.wilayah!,
      level: c.kurangKompetensi ? (levels.get(p.id) ?? 0) : null,
    })),
  };
}

/** Who an invitation with these criteria would add; nothing changes. */
export const previewInvitation = selection;

/** Invites everyone the criteria select, all or none: past the quota nobody is added. */
export async function invite(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  c: InvitationCriteria,
  now: Date,
): Promise<InvitationPreview> {
  // Inviting every pendamping of the country is never meant: a province or names are required.
  if (!c.provinsi?.length && !c.userIds?.length) throw fieldError('TRAINING_INVALID', 'provinsi', 'wajib');
  return db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirst();
    if (locked?.completed_at) throw new AppError('TRAINING_COMPLETED');
    const chosen = await selection(trx, actor, id, c, now);
    if (chosen.kuota !== null && chosen.terdaftar + chosen.calon.length > chosen.kuota)
      throw new AppError('TRAINING_QUOTA_FULL', { sisa: Math.max(0, chosen.kuota - chosen.terdaftar), calon: chosen.calon.length });
    if (chosen.calon.length === 0) return chosen;
    await trx
      .insertInto('training_participants')
      .values(chosen.calon.map((p) => ({ training_id: id, user_id: p.userId, status: 'diundang' as const })))
      .execute();
    for (const p of chosen.calon)
      await recordAudit(trx, actor, origin, {
        action: 'training.participant.add',
        entityType: 'training',
        entityId: id,
        wilayah: p.wilayah,
        details: { userId: p.userId, undangan: true },
      });
    return chosen;
  });
}

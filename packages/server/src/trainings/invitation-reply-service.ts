import type { TrainingParticipant } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { workerClock } from '../workforce/worker.js';
import { loadTraining, participantOf } from './training-service.js';

/**
 * An invited participant answers on the phone (issue 22): coming, or not with an optional reason.
 * Once only, so the organiser's list does not flicker; a change of mind goes through the
 * organiser. A decline frees the place in the quota and keeps the person out of attendance, tests
 * and completion; until the event has ended, since after it the answer means nothing.
 */
export async function replyInvitation(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  reply: { hadir: boolean; alasan?: string | null | undefined },
  now: Date,
): Promise<TrainingParticipant> {
  if (reply.hadir && reply.alasan) throw fieldError('TRAINING_INVALID', 'alasan', 'hanya_untuk_menolak');
  if (reply.alasan && reply.alasan.trim().length < 3) throw fieldError('TRAINING_INVALID', 'alasan', 'terlalu_pendek');
  await db.transaction().execute(async (trx) => {
    const training = await loadTraining(trx, actor, id);
    const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.completed_at || workerClock(training.wilayah, now).tanggal > training.selesai)
      throw new AppError('TRAINING_INVITATION_CLOSED', { selesai: training.selesai });
    const me = await trx
      .selectFrom('training_participants')
      .innerJoin('users', 'users.id', 'training_participants.user_id')
      .select(['training_participants.status', 'users.wilayah'])
      .where('training_id', '=', id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (!me) throw new AppError('TRAINING_NOT_PARTICIPANT');
    if (me.status !== 'diundang') throw new AppError('TRAINING_INVITATION_ANSWERED', { status: me.status });
    const alasan = reply.hadir ? null : reply.alasan?.trim() || null;
    await trx
      .updateTable('training_participants')
      .set({ status: reply.hadir ? 'terdaftar' : 'ditolak', dijawab_at: now, alasan_tolak: alasan })
      .where('training_id', '=', id)
      .where('user_id', '=', actor.id)
      .execute();
    await recordAudit(trx, actor, origin, {
      action: reply.hadir ? 'training.invitation.confirm' : 'training.invitation.decline',
      entityType: 'training',
      entityId: id,
      wilayah: me.wilayah,
      details: { userId: actor.id, ...(alasan ? { alasan } : {}) },
    });
  });
  return participantOf(db, actor, id, actor.id);
}

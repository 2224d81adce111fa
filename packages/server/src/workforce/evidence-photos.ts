import { activityWorkflow } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { getActivity } from './activity-service.js';
import { workerClock } from './worker.js';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTOS_PER_ACTIVITY = 5;

type Mime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The type from the bytes themselves (a renamed file is not an image). */
export function sniffImage(bytes: Buffer): Mime | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

function checked(bytes: Buffer): Mime {
  const mime = sniffImage(bytes);
  if (!mime || bytes.length > PHOTO_MAX_BYTES) throw new AppError('PHOTO_INVALID');
  return mime;
}

export interface PhotoView {
  id: string;
  mime: string;
  ukuran: number;
  createdAt: string;
}

/** A photo of the owner's own entry, while it can still be edited; five at most. */
export async function addActivityPhoto(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  activityId: string,
  bytes: Buffer,
): Promise<PhotoView> {
  const activity = await getActivity(db, actor, activityId);
  if (activity.userId !== actor.id) throw new AppError('FORBIDDEN');
  if (!activityWorkflow.editable(activity.status)) throw new AppError('ACTIVITY_NOT_EDITABLE');
  const mime = checked(bytes);
  return db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('evidence_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_type', '=', 'activity')
      .where('owner_id', '=', activityId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= PHOTOS_PER_ACTIVITY) throw new AppError('PHOTO_INVALID');
    const row = await trx
      .insertInto('evidence_photos')
      .values({
        owner_type: 'activity',
        owner_id: activityId,
        user_id: actor.id,
        wilayah: activity.wilayah,
        mime,
        ukuran: bytes.length,
        bytes,
      })
      .returning(['id', 'mime', 'ukuran', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'activity.photo',
      entityType: 'activity',
      entityId: activityId,
      wilayah: activity.wilayah,
      details: { photo: row.id, bytes: bytes.length },
    });
    return { id: row.id, mime: row.mime, ukuran: row.ukuran, createdAt: row.created_at.toISOString() };
  });
}

/** The optional selfie of today's check-in, by its owner. */
export async function addCheckInSelfie(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, bytes: Buffer, now: Date): Promise<PhotoView> {
  if (!workforcePolicy.attends(actor)) throw new AppError('FORBIDDEN');
  const { tanggal } = workerClock(actor.wilayah!, now);
  const record = await db
    .selectFrom('attendance')
    .select(['id', 'wilayah'])
    .where('user_id', '=', actor.id)
    .where('tanggal', '=', tanggal)
    .where('masuk_at', 'is not', null)
    .executeTakeFirst();
  if (!record) throw new AppError('NOT_CHECKED_IN');
  const mime = checked(bytes);
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('evidence_photos').where('owner_type', '=', 'attendance').where('owner_id', '=', record.id).execute();
    const row = await trx
      .insertInto('evidence_photos')
      .values({
        owner_type: 'attendance',
        owner_id: record.id,
        user_id: actor.id,
        wilayah: record.wilayah,
        mime,
        ukuran: bytes.length,
        bytes,
      })
      .returning(['id', 'mime', 'ukuran', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'attendance.selfie',
      entityType: 'attendance',
      entityId: record.id,
      wilayah: record.wilayah,
    });
    return { id: row.id, mime: row.mime, ukuran: row.ukuran, createdAt: row.created_at.toISOString() };
  });
}

/**
 * Photos of an activity or attendance record the caller can see. An activity is loaded first, in
 * the caller's scope, so one outside it answers 404 as the activity itself does, not an empty list.
 */
export async function listPhotos(
  db: Kysely<DB>,
  actor: Actor,
  ownerType: 'activity' | 'attendance',
  ownerId: string,
): Promise<PhotoView[]> {
  if (ownerType === 'activity') await getActivity(db, actor, ownerId);
  const rows = await db
    .selectFrom('evidence_photos')
    .select(['id', 'mime', 'ukuran', 'created_at'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where((eb) => inScope(eb, eb.ref('evidence_photos.wilayah'), actor))
    .$if(!workforcePolicy.readOthers(actor), (q) => q.where('user_id', '=', actor.id))
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, mime: r.mime, ukuran: r.ukuran, createdAt: r.created_at.toISOString() }));
}

/** One photo's bytes: the owner, or a reader of their area; anyone else gets 404. */
export async function photoBytes(db: Kysely<DB>, actor: Actor, id: string): Promise<{ mime: string; bytes: Buffer }> {
  const row = await db
    .selectFrom('evidence_photos')
    .select(['mime', 'bytes', 'user_id'])
    .where('id', '=', id)
    .where((eb) => inScope(eb, eb.ref('evidence_photos.wilayah'), actor))
    .executeTakeFirst();
  if (!row || (row.user_id !== actor.id && !workforcePolicy.readOthers(actor))) throw notFound();
  return { mime: row.mime, bytes: Buffer.from(row.bytes) };
}

/** The owner removes a photo while the entry is still a draft or returned. */
export async function deletePhoto(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  const row = await db
    .selectFrom('evidence_photos')
    .select(['owner_type', 'owner_id', 'user_id', 'wilayah'])
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.owner_type === 'activity') {
    const activity = await getActivity(db, actor, row.owner_id);
    if (!activityWorkflow.editable(activity.status)) throw new AppError('ACTIVITY_NOT_EDITABLE');
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('evidence_photos').where('id', '=', id).execute();
    await recordAudit(trx, actor, origin, {
      action: 'photo.delete',
      entityType: row.owner_type,
      entityId: row.owner_id,
      wilayah: row.wilayah,
      details: { photo: id },
    });
  });
}

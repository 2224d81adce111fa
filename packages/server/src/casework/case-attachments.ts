import type { AttachmentView } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { sniffImage } from '../workforce/evidence-photos.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_CASE = 50;

type Mime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The type from the bytes (a renamed file is refused): photos and PDF documents only. */
function sniff(bytes: Buffer): Mime | null {
  if (bytes.length > 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return sniffImage(bytes);
}

/** File names become download names: keep them printable and short. */
function cleanName(name: string | undefined, mime: Mime): string {
  const base = (name ?? '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '')
    .trim()
    .slice(0, 120);
  return base || `lampiran.${mime === 'application/pdf' ? 'pdf' : mime.slice(6)}`;
}

export async function addAttachment(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  bytes: Buffer,
  meta: { nama?: string | undefined; keterangan?: string | undefined },
): Promise<AttachmentView> {
  const kase = await caseForWork(db, actor, caseId);
  const mime = sniff(bytes);
  if (!mime || bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('ATTACHMENT_INVALID');
  const nama = cleanName(meta.nama, mime);
  const keterangan = meta.keterangan?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('case_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= ATTACHMENTS_PER_CASE)
      throw new AppError('ATTACHMENT_INVALID', { reason: 'BATAS_JUMLAH', max: ATTACHMENTS_PER_CASE });
    const row = await trx
      .insertInto('case_attachments')
      .values({ case_id: kase.id, nama, keterangan, mime, ukuran: bytes.length, bytes, created_by: actor.id })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'lampiran', catatan: keterangan, data: { lampiran: row.id, nama, mime } },
      { action: 'case.attachment', details: { attachment: row.id, bytes: bytes.length } },
    );
    return { id: row.id, nama, keterangan, mime, ukuran: bytes.length, createdAt: row.created_at.toISOString(), oleh: actor.username };
  });
}

export async function listAttachments(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<AttachmentView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'attachment');
  const rows = await db
    .selectFrom('case_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.nama', 'a.keterangan', 'a.mime', 'a.ukuran', 'a.created_at', 'u.username'])
    .where('a.case_id', '=', kase.id)
    .orderBy('a.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nama: r.nama,
    keterangan: r.keterangan,
    mime: r.mime,
    ukuran: r.ukuran,
    createdAt: r.created_at.toISOString(),
    oleh: r.username,
  }));
}

/** The file, only through a case the caller can see, and only with its identity open; audited. */
export async function attachmentBytes(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
): Promise<{ nama: string; mime: string; bytes: Buffer }> {
  const row = await db.selectFrom('case_attachments').select(['case_id', 'nama', 'mime', 'bytes']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  await caseForReading(db, actor, origin, row.case_id, 'attachment.download');
  return row;
}

/** Removing a wrong upload is its uploader's or a supervisor's; the timeline keeps that it happened. */
export async function deleteAttachment(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  const row = await db.selectFrom('case_attachments').select(['case_id', 'created_by', 'nama']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const kase = await caseForWork(db, actor, row.case_id);
  if (row.created_by !== actor.id && !casePolicy.supervise(actor)) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('case_attachments').where('id', '=', id).execute();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'lampiran', data: { dihapus: id, nama: row.nama } },
      { action: 'case.attachment.delete', details: { attachment: id } },
    );
  });
}

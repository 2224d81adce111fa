import { randomInt } from 'node:crypto';
import { NILAI_LULUS_BAKU, qualification, type CertificateSummary, type CompletionResult } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { displayName, loadForChange, loadTraining, today, visibleParticipant } from './training-service.js';

/** `SRT-2025-0001-7K3F9QXM`: the random tail makes numbers unguessable, so verification cannot be walked. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function certificateNumber(year: string, eventNumber: number, draw: (n: number) => number = randomInt): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += CROCKFORD[draw(32)];
  return `SRT-${year}-${String(eventNumber).padStart(4, '0')}-${tail}`;
}

/**
 * Completes an event: everyone who qualifies (by default every unit attended, and the post-test
 * passed where the event has one) gets a certificate carrying the event's JP; the event closes.
 * An event with a post-test bank has a post-test by definition: its submissions are the marks, and
 * its pass mark is the event's own or NILAI_LULUS_BAKU.
 */
export async function completeTraining(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  now: Date,
): Promise<CompletionResult> {
  return db.transaction().execute(async (trx) => {
    const training = await loadForChange(trx, actor, id);
    if (today(training.wilayah, now) < training.selesai) throw new AppError('TRAINING_NOT_ENDED', { selesai: training.selesai });
    const units = await trx.selectFrom('training_units').select(['kode', 'jp']).where('training_id', '=', id).orderBy('urutan').execute();
    const jp = units.reduce((s, u) => s + u.jp, 0);
    const people = await trx
      .selectFrom('training_participants as p')
      .innerJoin('users', 'users.id', 'p.user_id')
      .select(['p.user_id', 'p.nilai_post', 'users.nama_lengkap', 'users.username', 'users.wilayah'])
      .where('p.training_id', '=', id)
      .where('p.status', '<>', 'ditolak')
      .orderBy('users.wilayah')
      .orderBy('users.nama_lengkap')
      .execute();
    const attendance = await trx.selectFrom('training_attendance').select(['user_id', 'unit']).where('training_id', '=', id).execute();
    const postBank = await trx
      .selectFrom('training_tests')
      .select('jenis')
      .where('training_id', '=', id)
      .where('jenis', '=', 'post')
      .executeTakeFirst();
    const submitted = postBank
      ? new Map(
          (
            await trx
              .selectFrom('training_test_submissions')
              .select(['user_id', 'nilai'])
              .where('training_id', '=', id)
              .where('jenis', '=', 'post')
              .execute()
          ).map((r) => [r.user_id, r.nilai]),
        )
      : null;
    const attended = new Map<string, string[]>();
    for (const a of attendance) attended.set(a.user_id, [...(attended.get(a.user_id) ?? []), a.unit]);
    const result: CompletionResult = { certificates: [], notQualified: [] };
    for (const p of people) {
      const q = qualification({
        units: units.map((u) => u.kode),
        attended: attended.get(p.user_id) ?? [],
        minKehadiran: training.min_kehadiran,
        nilaiLulus: submitted ? (training.nilai_lulus ?? NILAI_LULUS_BAKU) : training.nilai_lulus,
        nilaiPost: submitted ? (submitted.get(p.user_id) ?? null) : p.nilai_post,
      });
      const nama = displayName(p);
      if (!q.lulus) {
        result.notQualified.push({ userId: p.user_id, nama, unitKurang: q.unitKurang, postTestKurang: q.postTestKurang });
        continue;
      }
      const nomor = certificateNumber(training.selesai.slice(0, 4), training.nomor);
      await trx.insertInto('training_certificates').values({ nomor, training_id: id, user_id: p.user_id, nama, jp }).execute();
      await recordAudit(trx, actor, origin, {
        action: 'certificate.issue',
        entityType: 'certificate',
        entityId: nomor,
        wilayah: p.wilayah,
        details: { trainingId: id, userId: p.user_id, jp },
      });
      result.certificates.push({ nomor, userId: p.user_id, nama, valid: true });
    }
    await trx.updateTable('trainings').set({ completed_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, origin, {
      action: 'training.complete',
      entityType: 'training',
      entityId: id,
      wilayah: training.wilayah,
      details: { lulus: result.certificates.length, tidakLulus: result.notQualified.length },
    });
    return result;
  });
}

export async function trainingCertificates(db: Kysely<DB>, actor: Actor, id: string): Promise<CertificateSummary[]> {
  await loadTraining(db, actor, id);
  const rows = await db
    .selectFrom('training_certificates as c')
    .innerJoin('users', 'users.id', 'c.user_id')
    .select(['c.nomor', 'c.user_id', 'c.nama', 'c.revoked_at'])
    .where('c.training_id', '=', id)
    .where((eb) => visibleParticipant(eb, actor))
    .orderBy('c.nama')
    .execute();
  return rows.map((r) => ({ nomor: r.nomor, userId: r.user_id, nama: r.nama, valid: r.revoked_at === null }));
}

import { CERTIFICATE_NUMBER, type CertificateRecord, type CertificateVerification } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { certificatePdf } from '../files/certificate-pdf.js';
import { AppError, forbidden, notFound } from '../http/app-error.js';
import { loadWorker } from '../workforce/worker.js';

/** A number as typed or scanned: upper-cased; anything not shaped like one is simply unknown. */
export function normaliseNumber(nomor: string): string | null {
  const n = nomor.trim().toUpperCase();
  return CERTIFICATE_NUMBER.test(n) ? n : null;
}

function certificates(db: Kysely<DB>) {
  return db
    .selectFrom('training_certificates as c')
    .innerJoin('trainings as t', 't.id', 'c.training_id')
    .select([
      'c.nomor',
      'c.user_id',
      'c.nama',
      'c.jp',
      'c.issued_at',
      'c.revoked_at',
      'c.revoked_reason',
      'c.training_id',
      't.nama as pelatihan',
      't.mulai',
      't.selesai',
      't.tempat',
      't.penyelenggara',
      't.wilayah',
    ]);
}

type CertRow = Awaited<ReturnType<ReturnType<typeof certificates>['executeTakeFirstOrThrow']>>;

const record = (r: CertRow): CertificateRecord => ({
  nomor: r.nomor,
  userId: r.user_id,
  nama: r.nama,
  valid: r.revoked_at === null,
  trainingId: r.training_id,
  pelatihan: r.pelatihan,
  mulai: r.mulai,
  selesai: r.selesai,
  jp: r.jp,
  diterbitkan: r.issued_at.toISOString(),
  dicabutAlasan: r.revoked_reason,
});

/** The public answer: valid or revoked, name, training, dates, JP — nothing else about the person. */
export async function verifyCertificate(db: Kysely<DB>, nomor: string): Promise<CertificateVerification> {
  const n = normaliseNumber(nomor);
  if (!n) throw notFound();
  const r = await certificates(db).where('c.nomor', '=', n).executeTakeFirst();
  if (!r) throw notFound();
  return { valid: r.revoked_at === null, nama: r.nama, pelatihan: r.pelatihan, mulai: r.mulai, selesai: r.selesai, jp: r.jp };
}

/** One's own certificates, or (for supervisors, direktorat, auditors) those of a worker in scope. */
export async function listCertificates(db: Kysely<DB>, actor: Actor, userId: string | undefined): Promise<CertificateRecord[]> {
  const who = userId ?? actor.id;
  if (who !== actor.id) await loadWorker(db, actor, who);
  const rows = await certificates(db).where('c.user_id', '=', who).orderBy('t.mulai', 'desc').execute();
  return rows.map(record);
}

/** The holder's or the organiser's: anyone else is told there is no such certificate. */
async function loadOwnOrOrganised(db: Kysely<DB>, actor: Actor, nomor: string): Promise<CertRow> {
  const n = normaliseNumber(nomor);
  if (!n) throw notFound();
  const r = await certificates(db).where('c.nomor', '=', n).executeTakeFirst();
  if (!r || (r.user_id !== actor.id && !trainingPolicy.manage(actor))) throw notFound();
  return r;
}

export async function certificateFile(
  db: Kysely<DB>,
  actor: Actor,
  nomor: string,
  verifyBase: string,
): Promise<{ nomor: string; pdf: Buffer }> {
  const r = await loadOwnOrOrganised(db, actor, nomor);
  if (r.revoked_at) throw new AppError('CERTIFICATE_REVOKED');
  const units = await db
    .selectFrom('training_units')
    .select(['nama', 'jp'])
    .where('training_id', '=', r.training_id)
    .orderBy('urutan')
    .execute();
  const pdf = await certificatePdf({
    nomor: r.nomor,
    nama: r.nama,
    pelatihan: r.pelatihan,
    penyelenggara: r.penyelenggara,
    tempat: r.tempat,
    mulai: r.mulai,
    selesai: r.selesai,
    jp: r.jp,
    units,
    verifyUrl: `${verifyBase}/verifikasi/${encodeURIComponent(r.nomor)}`,
  });
  return { nomor: r.nomor, pdf };
}

/** The organiser withdraws a certificate with a reason; verification then answers valid: false. */
export async function revokeCertificate(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  nomor: string,
  alasan: string,
  now: Date,
): Promise<CertificateRecord> {
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const n = normaliseNumber(nomor);
  if (!n) throw notFound();
  await db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('training_certificates')
      .select(['nomor', 'user_id', 'revoked_at', 'training_id'])
      .where('nomor', '=', n)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound();
    if (c.revoked_at) throw new AppError('CERTIFICATE_REVOKED');
    const holder = await trx.selectFrom('users').select('wilayah').where('id', '=', c.user_id).executeTakeFirstOrThrow();
    await trx
      .updateTable('training_certificates')
      .set({ revoked_at: now, revoked_reason: alasan, revoked_by: actor.id })
      .where('nomor', '=', n)
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'certificate.revoke',
      entityType: 'certificate',
      entityId: n,
      wilayah: holder.wilayah,
      details: { trainingId: c.training_id, userId: c.user_id, alasan },
    });
  });
  return record(await certificates(db).where('c.nomor', '=', n).executeTakeFirstOrThrow());
}

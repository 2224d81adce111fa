import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity } from '../authz/identity-protection.js';
import { loadBeneficiary } from '../beneficiaries/beneficiary-service.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';

/**
 * Everything Tuntas holds about one person, for an access request (UU 27/2022 Pasal 7: the data
 * subject's right to access and obtain a copy of their personal data). Assembled by the area's
 * koordinator, who answers such requests; the assembling itself is an audit event. Attachment
 * files are listed (name, type, size) rather than embedded: each is downloadable on its own.
 */
export async function dataSubjectReport(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, beneficiaryId: string) {
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  if (actor.role !== 'koordinator') throw new AppError('FORBIDDEN');
  if (hidesIdentity(person)) throw new AppError('IDENTITY_PROTECTED');
  const cases = await db.selectFrom('cases').selectAll().where('beneficiary_id', '=', person.id).orderBy('created_at').execute();
  const caseIds = cases.map((c) => c.id);
  const byCase = async <T>(run: (ids: string[]) => Promise<T[]>): Promise<T[]> => (caseIds.length === 0 ? [] : run(caseIds));
  const [consents, events, assessments, conferences, plans, services, attachments, referrals, outcomes, followups, audit] =
    await Promise.all([
      db.selectFrom('beneficiary_consents').selectAll().where('beneficiary_id', '=', person.id).orderBy('diberikan_pada').execute(),
      byCase((ids) => db.selectFrom('case_events').selectAll().where('case_id', 'in', ids).orderBy('id').execute()),
      byCase((ids) => db.selectFrom('case_assessments').selectAll().where('case_id', 'in', ids).orderBy('created_at').execute()),
      byCase((ids) => db.selectFrom('case_conferences').selectAll().where('case_id', 'in', ids).orderBy('tanggal').execute()),
      byCase((ids) => db.selectFrom('case_plans').selectAll().where('case_id', 'in', ids).execute()),
      byCase((ids) => db.selectFrom('case_services').selectAll().where('case_id', 'in', ids).orderBy('tanggal').execute()),
      byCase((ids) =>
        db
          .selectFrom('case_attachments')
          .select(['id', 'case_id', 'nama', 'keterangan', 'mime', 'ukuran', 'created_at', 'created_by'])
          .where('case_id', 'in', ids)
          .execute(),
      ),
      byCase((ids) => db.selectFrom('rujukan').selectAll().where('case_id', 'in', ids).orderBy('dikirim_pada').execute()),
      byCase((ids) => db.selectFrom('case_outcomes').selectAll().where('case_id', 'in', ids).execute()),
      byCase((ids) => db.selectFrom('case_followups').selectAll().where('case_id', 'in', ids).orderBy('jadwal').execute()),
      // Who processed or looked at their data, and when: part of what the subject may ask.
      db
        .selectFrom('audit_events')
        .select(['id', 'at', 'actor_username', 'action', 'entity_type', 'entity_id'])
        .where((eb) => eb.or([eb('subject_id', '=', person.id), ...(caseIds.length ? [eb('entity_id', 'in', caseIds)] : [])]))
        .orderBy('id')
        .limit(10_000)
        .execute(),
    ]);
  await recordAudit(db, actor, origin, {
    action: 'beneficiary.data_subject_report',
    entityType: 'beneficiary',
    entityId: person.id,
    wilayah: person.kode_desa,
    details: { kasus: cases.length, jejakAudit: audit.length },
  });
  const { terlindungi, terbuka: _terbuka, pemilik: _pemilik, anak, ...identitas } = person;
  return {
    dibuatPada: new Date().toISOString(),
    dasarHukum: 'UU 27/2022 Pasal 7',
    identitas: { ...identitas, dilindungi: terlindungi, anak },
    persetujuan: consents,
    kasus: cases.map((c) => ({
      ...c,
      riwayat: events.filter((e) => e.case_id === c.id),
      asesmen: assessments.filter((a) => a.case_id === c.id),
      temuBahas: conferences.filter((k) => k.case_id === c.id),
      rencana: plans.find((p) => p.case_id === c.id) ?? null,
      layanan: services.filter((s) => s.case_id === c.id),
      lampiran: attachments.filter((a) => a.case_id === c.id),
      rujukan: referrals.filter((r) => r.case_id === c.id),
      hasil: outcomes.filter((o) => o.case_id === c.id),
      bimbinganLanjut: followups.filter((f) => f.case_id === c.id),
    })),
    jejakAudit: audit,
  };
}

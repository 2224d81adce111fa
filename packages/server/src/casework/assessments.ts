import type { AssessmentView, ConferenceInput, ConferenceView } from '@tuntas/domain';
import { assessmentForm, type AssessmentForm, type RiskLevel } from '@tuntas/domain';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { loadCase } from '../cases/case-service.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { workerClock } from '../workforce/worker.js';
import { caseForWork, recordCaseWork, caseForReading } from './case-work-access.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validators = new Map<string, ValidateFunction>();

function validatorOf(form: AssessmentForm): ValidateFunction {
  const key = `${form.kode}@${form.versi}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(form.schema);
    validators.set(key, validate);
  }
  return validate;
}

/** Answers checked against the form's own JSON Schema; each problem named by its field path. */
export function checkAnswers(form: AssessmentForm, data: unknown): void {
  const validate = validatorOf(form);
  if (validate(data)) return;
  const problems = (validate.errors ?? []).map((e) => ({
    field:
      e.keyword === 'required'
        ? `/${(e.params as { missingProperty: string }).missingProperty}`
        : e.keyword === 'additionalProperties'
          ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
          : e.instancePath || '/',
    code: e.keyword.toUpperCase(),
  }));
  throw new AppError('FORM_INVALID', problems);
}

export async function assessmentFormOfCase(db: Kysely<DB>, actor: Actor, caseId: string): Promise<AssessmentForm> {
  const kase = await loadCase(db, actor, caseId);
  return assessmentForm(kase.ppks);
}

/** A new assessment (a reassessment adds another; the latest is the current one). */
export async function addAssessment(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  data: Record<string, unknown>,
): Promise<AssessmentView> {
  const kase = await caseForWork(db, actor, caseId);
  const form = assessmentForm(kase.ppks);
  checkAnswers(form, data);
  const risiko = data.tingkatRisiko as RiskLevel;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_assessments')
      .values({ case_id: kase.id, form_kode: form.kode, form_versi: form.versi, data: JSON.stringify(data), risiko, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'asesmen', data: { form: form.kode, versi: form.versi, risiko } },
      { action: 'case.assessment', details: { assessment: row.id, risiko } },
    );
    return row.id;
  });
  return (await listAssessments(db, actor, origin, caseId)).find((a) => a.id === id)!;
}

export async function listAssessments(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<AssessmentView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'assessment');
  const rows = await db
    .selectFrom('case_assessments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.form_kode', 'a.form_versi', 'a.data', 'a.risiko', 'a.created_at', 'u.username'])
    .where('a.case_id', '=', kase.id)
    .orderBy('a.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    formKode: r.form_kode,
    formVersi: r.form_versi,
    data: r.data,
    risiko: r.risiko,
    createdAt: r.created_at.toISOString(),
    oleh: r.username,
  }));
}

/** Temu bahas kasus: who met, what they found, what they decided. */
export async function addConference(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  input: ConferenceInput,
): Promise<ConferenceView> {
  const kase = await caseForWork(db, actor, caseId);
  const today = workerClock(kase.wilayah, new Date()).tanggal;
  if (input.tanggal > today) throw fieldError('CASE_INVALID', 'tanggal', 'DI_MASA_DEPAN');
  const peserta = input.peserta.map((p) => p.trim()).filter(Boolean);
  if (peserta.length === 0) throw fieldError('CASE_INVALID', 'peserta', 'WAJIB');
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_conferences')
      .values({
        case_id: kase.id,
        tanggal: input.tanggal,
        peserta,
        ringkasan: input.ringkasan.trim(),
        keputusan: input.keputusan.trim(),
        created_by: actor.id,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'temu_bahas', catatan: input.keputusan.trim(), data: { tanggal: input.tanggal, peserta } },
      { action: 'case.conference', details: { conference: inserted.id } },
    );
    return inserted;
  });
  return {
    id: row.id,
    tanggal: input.tanggal,
    peserta,
    ringkasan: input.ringkasan.trim(),
    keputusan: input.keputusan.trim(),
    createdAt: row.created_at.toISOString(),
    oleh: actor.username,
  };
}

export async function listConferences(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<ConferenceView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'conference');
  const rows = await db
    .selectFrom('case_conferences as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.tanggal', 'c.peserta', 'c.ringkasan', 'c.keputusan', 'c.created_at', 'u.username'])
    .where('c.case_id', '=', kase.id)
    .orderBy('c.tanggal', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tanggal: r.tanggal,
    peserta: r.peserta,
    ringkasan: r.ringkasan,
    keputusan: r.keputusan,
    createdAt: r.created_at.toISOString(),
    oleh: r.username,
  }));
}

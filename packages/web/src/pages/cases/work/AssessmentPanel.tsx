import { assessmentFormVersion, type CaseRecord, type ConferenceInput } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { usePendingConferences } from '../../../api/local-casework.js';
import { caseworkWrites, useAssessmentForm, useAssessments, useCaseWrite, useConferences } from '../../../api/casework-queries.js';
import { useOutbox } from '../../../api/outbox.js';
import { SyncMark } from '../../../components/SyncMark.js';
import { formatDate, workerToday } from '../../../lib/format.js';
import { FormSections, type Answers } from './FormFields.js';

function ConferenceForm({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ tanggal: workerToday(kase.wilayah), peserta: '', ringkasan: '', keputusan: '' });
  const save = useCaseWrite(
    kase.id,
    'conferences',
    (body: ConferenceInput) => caseworkWrites.conference(kase.id, body),
    () => setDraft((d) => ({ ...d, peserta: '', ringkasan: '', keputusan: '' })),
  );
  return (
    <details>
      <summary>{t('kasus.asesmen.conferenceNew')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            ...draft,
            peserta: draft.peserta
              .split('\n')
              .map((p) => p.trim())
              .filter(Boolean),
          });
        }}
      >
        <label>
          {t('kasus.asesmen.date')}
          <input type="date" required value={draft.tanggal} onChange={(e) => setDraft({ ...draft, tanggal: e.target.value })} />
        </label>
        <label>
          {t('kasus.asesmen.participants')}
          <textarea required rows={3} value={draft.peserta} onChange={(e) => setDraft({ ...draft, peserta: e.target.value })} />
        </label>
        <label>
          {t('kasus.asesmen.findings')}
          <textarea required rows={2} value={draft.ringkasan} onChange={(e) => setDraft({ ...draft, ringkasan: e.target.value })} />
        </label>
        <label>
          {t('kasus.asesmen.decision')}
          <textarea required rows={2} value={draft.keputusan} onChange={(e) => setDraft({ ...draft, keputusan: e.target.value })} />
        </label>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          {t('kasus.common.save')}
        </button>
        {save.isError && (
          <p role="alert" className="error">
            {save.error.message}
          </p>
        )}
      </form>
    </details>
  );
}

/** Answers as the form asks them (storage keeps keys in any order); a key the form lacks goes last. */
function inFormOrder(data: Record<string, unknown>, fields: ReadonlyMap<string, unknown>): Array<[string, unknown]> {
  const order = [...fields.keys()];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(data).sort(([a], [b]) => rank(a) - rank(b));
}

/** The current assessment, a new one from the category's form, and the case conferences. */
export function AssessmentPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const form = useAssessmentForm(kase.id, kase.ppks);
  const pending = useOutbox().filter((e) => e.kind === 'assessment' && e.ref.caseId === kase.id);
  const assessments = useAssessments(kase.id);
  const conferences = useConferences(kase.id);
  const pendingConferences = usePendingConferences(kase.id);
  const [answers, setAnswers] = useState<Answers>({});
  const save = useCaseWrite(
    kase.id,
    'assessments',
    (data: Answers) => caseworkWrites.assessment(kase.id, data),
    () => setAnswers({}),
  );
  const invalid = new Set(
    save.error instanceof ApiError && Array.isArray(save.error.details)
      ? (save.error.details as Array<{ field: string }>).map((d) => d.field.replace(/^\//, '').split('/')[0]!)
      : [],
  );
  const latest = assessments.data?.[0];
  const labels = new Map(form.data?.layout.flatMap((s) => s.fields.map((f) => [f.name, f] as const)) ?? []);
  // An assessment is read with the form version it answered (older answers keep their own labels).
  const answeredForm = latest ? assessmentFormVersion(latest.formKode, latest.formVersi) : undefined;
  const answeredLabels = answeredForm ? new Map(answeredForm.layout.flatMap((s) => s.fields.map((f) => [f.name, f] as const))) : labels;
  const works = kase.tindakan.ubah && kase.status !== 'ditutup';

  return (
    <div>
      {latest ? (
        <details open>
          <summary>
            {t('kasus.asesmen.latest', {
              date: formatDate(latest.createdAt.slice(0, 10)),
              risiko: t(`kasus.asesmen.risiko.${latest.risiko}`),
            })}
          </summary>
          <dl className="answers">
            {inFormOrder(latest.data, answeredLabels).map(([k, v]) => {
              const field = answeredLabels.get(k);
              const text = (x: unknown) => field?.options?.find(([c]) => c === x)?.[1] ?? String(x);
              return (
                <div key={k}>
                  <dt>{field?.label ?? k}</dt>
                  <dd>
                    {Array.isArray(v)
                      ? v.map(text).join(', ')
                      : typeof v === 'boolean'
                        ? v
                          ? t('kasus.common.yes')
                          : t('kasus.common.no')
                        : text(v)}
                  </dd>
                </div>
              );
            })}
          </dl>
        </details>
      ) : (
        pending.length === 0 && <p>{t('kasus.asesmen.none')}</p>
      )}
      {pending.length > 0 && (
        <ul className="timeline pending">
          {pending.map((e) => (
            <li key={e.seq} data-testid="pending-assessment">
              <time dateTime={e.actedAt}>{formatDate(e.actedAt.slice(0, 10))}</time>
              <span>
                <strong>{t('luring.kinds.assessment')}</strong> <SyncMark entry={e} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {works && form.data && (
        <details open={!latest}>
          <summary>
            {latest ? t('kasus.asesmen.reassess') : t('kasus.asesmen.new')} — {form.data.judul}
          </summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(answers);
            }}
          >
            <FormSections layout={form.data.layout} answers={answers} onChange={setAnswers} invalid={invalid} />
            <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
              {t('kasus.asesmen.submit')}
            </button>
            {save.isError && (
              <p role="alert" className="error">
                {invalid.size > 0
                  ? t('kasus.asesmen.fieldError', { fields: [...invalid].map((f) => labels.get(f)?.label ?? f).join(', ') })
                  : save.error.message}
              </p>
            )}
          </form>
        </details>
      )}
      <h3>{t('kasus.asesmen.conference')}</h3>
      {conferences.data && conferences.data.length > 0 ? (
        <ul>
          {conferences.data.map((c) => (
            <li key={c.id}>
              <strong>{formatDate(c.tanggal)}</strong> — {c.keputusan}
              <br />
              <small className="muted">{c.peserta.join(', ')}</small>
            </li>
          ))}
        </ul>
      ) : (
        pendingConferences.length === 0 && <p className="muted">{t('kasus.common.none')}</p>
      )}
      {pendingConferences.length > 0 && (
        <ul className="pending">
          {pendingConferences.map((e) => (
            <li key={e.seq} data-testid="pending-conference">
              <strong>{formatDate(String(e.body['tanggal']))}</strong> — {String(e.body['keputusan'])} <SyncMark entry={e} />
            </li>
          ))}
        </ul>
      )}
      {works && <ConferenceForm kase={kase} />}
    </div>
  );
}

import { NILAI_EVALUASI, type RatingSummary, type TrainingEvaluation, type TrainingRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvaluation, useSubmitEvaluation } from '../../api/training-programme-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate } from '../../lib/format.js';

type Answer = { nilai: number | null; komentar: string };

/** Five choices 1–5 and a comment for one subject (the event, or a trainer). */
function Rate({ label, value, onChange, name }: { label: string; value: Answer; onChange: (a: Answer) => void; name: string }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{label}</legend>
      <div role="radiogroup" aria-label={label}>
        {NILAI_EVALUASI.map((n) => (
          <label key={n}>
            <input type="radio" name={name} checked={value.nilai === n} onChange={() => onChange({ ...value, nilai: n })} required />{' '}
            {t(`pelatihan.evalScale.${n}`)}
          </label>
        ))}
      </div>
      <label>
        {t('pelatihan.evalComment')}
        <textarea rows={2} maxLength={1000} value={value.komentar} onChange={(e) => onChange({ ...value, komentar: e.target.value })} />
      </label>
    </fieldset>
  );
}

function EvaluationForm({ training, evaluation }: { training: TrainingRecord; evaluation: TrainingEvaluation }) {
  const { t } = useTranslation();
  const submit = useSubmitEvaluation(training.id);
  const blank: Answer = { nilai: null, komentar: '' };
  const [acara, setAcara] = useState<Answer>(blank);
  const [trainers, setTrainers] = useState<Record<string, Answer>>({});
  const complete = acara.nilai !== null && evaluation.narasumber.every((n) => trainers[n.id]?.nilai);
  const comment = (a: Answer) => a.komentar.trim() || null;
  return (
    <form
      aria-label={t('pelatihan.evalTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!complete) return;
        submit.mutate({
          acara: { nilai: acara.nilai!, komentar: comment(acara) },
          narasumber: evaluation.narasumber.map((n) => ({ id: n.id, nilai: trainers[n.id]!.nilai!, komentar: comment(trainers[n.id]!) })),
        });
      }}
    >
      <p className="muted">{t('pelatihan.evalAnonymous', { batas: formatDate(evaluation.batas) })}</p>
      <Rate label={t('pelatihan.evalEvent')} name={`acara-${training.id}`} value={acara} onChange={setAcara} />
      {evaluation.narasumber.map((n) => (
        <Rate
          key={n.id}
          label={n.instansi ? `${n.nama} (${n.instansi})` : n.nama}
          name={`narasumber-${n.id}`}
          value={trainers[n.id] ?? blank}
          onChange={(a) => setTrainers({ ...trainers, [n.id]: a })}
        />
      ))}
      <button type="submit" disabled={!complete || submit.isPending} aria-busy={submit.isPending}>
        {t('pelatihan.evalSend')}
      </button>
      {!complete && <small className="muted"> {t('pelatihan.evalRateAll')}</small>}
      {submit.error && (
        <p role="alert" className="error">
          {submit.error.message}
        </p>
      )}
    </form>
  );
}

function Summary({ s, label }: { s: RatingSummary; label: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{label}</strong>: {s.rataRata === null ? '–' : t('pelatihan.evalMean', { mean: s.rataRata.toLocaleString('id-ID') })}{' '}
      <small className="muted">({t('pelatihan.evalSpread', { spread: s.sebaran.join(' · ') })})</small>
      {s.komentar.length > 0 && (
        <ul>
          {s.komentar.map((k, i) => (
            <li key={i}>“{k}”</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The organiser's results: how many evaluated, then means, spread and comments (hidden under three). */
function Results({ hasil }: { hasil: NonNullable<TrainingEvaluation['hasil']> }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('pelatihan.evalCount', { n: hasil.jumlahPenilai, hadir: hasil.jumlahHadir })}</p>
      {hasil.ditampilkan ? (
        <ul className="plain-list">
          <Summary s={hasil.acara} label={t('pelatihan.evalEvent')} />
          {hasil.narasumber.map((n) => (
            <Summary key={n.narasumberId} s={n} label={n.nama} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('pelatihan.evalTooFew')}</p>
      )}
    </>
  );
}

/** Evaluation: a participant who attended rates the event and its trainers, once; the organiser reads the results. */
export function EvaluationPanel({ training, organiser }: { training: TrainingRecord; organiser: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const evaluation = useEvaluation(training.id, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{organiser ? t('pelatihan.evalResults') : t('pelatihan.evalTitle')}</summary>
      {open && (
        <QueryStatus query={evaluation} isEmpty={() => false} empty={null}>
          {(ev) =>
            ev.hasil ? (
              <Results hasil={ev.hasil} />
            ) : ev.sudahMenilai ? (
              <p role="status">{t('pelatihan.evalThanks')}</p>
            ) : ev.dapatMenilai ? (
              <EvaluationForm training={training} evaluation={ev} />
            ) : (
              <p className="muted">{t('pelatihan.evalNotYet')}</p>
            )
          }
        </QueryStatus>
      )}
    </details>
  );
}

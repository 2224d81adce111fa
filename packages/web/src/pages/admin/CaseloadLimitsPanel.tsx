import type { CaseloadLimitsView } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseloadLimits, useSetCaseloadLimits } from '../../api/reference-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';

function LimitsForm({ limits }: { limits: CaseloadLimitsView }) {
  const { t } = useTranslation();
  const save = useSetCaseloadLimits();
  const [d, setD] = useState({ rekomendasi: String(limits.rekomendasi), maksimum: String(limits.maksimum) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rekomendasi: Number(d.rekomendasi), maksimum: Number(d.maksimum) });
  };
  return (
    <form onSubmit={submit} aria-label={t('referensi.beban.title')}>
      <div className="grid">
        <label>
          {t('referensi.beban.recommended')}
          <input
            type="number"
            required
            min={1}
            max={500}
            inputMode="numeric"
            value={d.rekomendasi}
            onChange={(e) => setD({ ...d, rekomendasi: e.target.value })}
          />
        </label>
        <label>
          {t('referensi.beban.maximum')}
          <input
            type="number"
            required
            min={1}
            max={500}
            inputMode="numeric"
            value={d.maksimum}
            onChange={(e) => setD({ ...d, maksimum: e.target.value })}
          />
        </label>
      </div>
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        {t('referensi.beban.save')}
      </button>
      {save.isSuccess && <p role="status">{t('referensi.kalender.saved')}</p>}
    </form>
  );
}

/** How many active cases a pendamping should carry, and the most they may: the dashboards and assignment read them. */
export function CaseloadLimitsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const limits = useCaseloadLimits();
  return (
    <section aria-labelledby="beban-kasus">
      <h2 id="beban-kasus">{t('referensi.beban.title')}</h2>
      <p>{t('referensi.beban.intro')}</p>
      <QueryStatus query={limits} isEmpty={() => false} empty={null}>
        {(l) => (
          <>
            <p data-testid="caseload-limits">
              {t('referensi.beban.current', { rekomendasi: l.rekomendasi, maksimum: l.maksimum })}{' '}
              <small className="muted">
                {l.sumber === 'referensi' && l.diubahPada
                  ? t('referensi.beban.setAt', { when: formatDateTime(l.diubahPada, null) })
                  : t('referensi.beban.fromSettings')}
              </small>
            </p>
            {canEdit && <LimitsForm key={l.diubahPada ?? 'pengaturan'} limits={l} />}
          </>
        )}
      </QueryStatus>
    </section>
  );
}

import type { CaseRecord, OutcomeView } from '@tuntas/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useCaseWrite, useOutcomes } from '../../../api/casework-queries.js';

/** Kriteria terselesaikan: each criterion met or not, with its evidence; what verification needs. */
export function OutcomesPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const outcomes = useOutcomes(kase.id);
  const [rows, setRows] = useState<OutcomeView[]>([]);
  useEffect(() => {
    if (outcomes.data) setRows(outcomes.data.items);
  }, [outcomes.data]);
  const save = useCaseWrite(kase.id, 'outcomes', () =>
    api(`/cases/${kase.id}/outcomes`, {
      method: 'PUT',
      json: { kriteria: rows.map((r) => ({ kriteria: r.kode, terpenuhi: r.terpenuhi, bukti: r.bukti || null })) },
    }),
  );
  if (!outcomes.data) return <p aria-busy="true">{t('common.loading')}</p>;
  const editable =
    kase.tindakan.ubah && ['resosialisasi', 'terminasi'].includes(kase.tahapan) && !kase.diverifikasiPada && kase.status !== 'ditutup';
  const missing = outcomes.data.belumTerpenuhi.length;
  return (
    <div>
      <p className="muted">{t('kasus.hasil.intro')}</p>
      <p className={missing === 0 ? 'notice ok' : 'notice'}>
        {missing === 0 ? t('kasus.hasil.allMet') : t('kasus.hasil.missing', { count: missing })}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        {rows.map((r, i) => (
          <fieldset key={r.kode}>
            <label>
              <input
                type="checkbox"
                disabled={!editable}
                checked={r.terpenuhi}
                onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, terpenuhi: e.target.checked } : x)))}
              />
              {r.teks}
            </label>
            <input
              aria-label={`${t('kasus.hasil.evidence')}: ${r.teks}`}
              placeholder={t('kasus.hasil.evidence')}
              disabled={!editable}
              required={r.terpenuhi}
              value={r.bukti ?? ''}
              onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, bukti: e.target.value } : x)))}
            />
          </fieldset>
        ))}
        {editable ? (
          <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
            {t('kasus.hasil.save')}
          </button>
        ) : (
          !kase.diverifikasiPada && <p className="muted">{t('kasus.hasil.onlyLater')}</p>
        )}
        {save.isSuccess && <p className="muted">{t('kasus.common.saved')}</p>}
        {save.isError && (
          <p role="alert" className="error">
            {save.error.message}
          </p>
        )}
      </form>
    </div>
  );
}

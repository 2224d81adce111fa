import type { CaseRecord, OutcomeView } from '@tuntas/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseworkWrites, useCaseWrite } from '../../../api/casework-queries.js';
import { useOutcomesView } from '../../../api/local-casework.js';
import { SyncMark } from '../../../components/SyncMark.js';

/** Kriteria terselesaikan: each criterion met or not, with its evidence; what verification needs. */
export function OutcomesPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const outcomes = useOutcomesView(kase.id, kase.ppks);
  const [rows, setRows] = useState<OutcomeView[]>([]);
  useEffect(() => {
    if (outcomes.data) setRows(outcomes.data.items);
  }, [outcomes.data]);
  // Through the outbox: answered in the field, kept on the device without a signal.
  const save = useCaseWrite(kase.id, 'outcomes', () =>
    caseworkWrites.outcomes(
      kase.id,
      rows.map((r) => ({ kriteria: r.kode, terpenuhi: r.terpenuhi, bukti: r.bukti || null })),
    ),
  );
  if (!outcomes.data) return <p aria-busy="true">{t('common.loading')}</p>;
  const editable =
    kase.tindakan.ubah && ['resosialisasi', 'terminasi'].includes(kase.tahapan) && !kase.diverifikasiPada && kase.status !== 'ditutup';
  const missing = outcomes.data.belumTerpenuhi.length;
  return (
    <div>
      <p className="muted">{t('kasus.hasil.intro')}</p>
      <p className={missing === 0 ? 'notice ok' : 'notice'}>
        {missing === 0 ? t('kasus.hasil.allMet') : t('kasus.hasil.missing', { count: missing })}{' '}
        {outcomes.entry && <SyncMark entry={outcomes.entry} />}
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

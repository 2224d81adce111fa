import { FOLLOW_UP_CONDITIONS, type CaseRecord, type FollowUpCondition, type FollowUpView } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useCaseWrite, useFollowUps } from '../../../api/casework-queries.js';
import { formatDate, workerToday } from '../../../lib/format.js';

function RecordVisit({ kase, visit }: { kase: CaseRecord; visit: FollowUpView }) {
  const { t } = useTranslation();
  const [kondisi, setKondisi] = useState<FollowUpCondition>('stabil');
  const [hasil, setHasil] = useState('');
  const record = useCaseWrite(kase.id, 'followups', () =>
    api(`/followups/${visit.id}/record`, { method: 'POST', json: { kondisi, hasil } }),
  );
  return (
    <details>
      <summary>{t('kasus.bimbingan.record')}</summary>
      <label>
        {t('kasus.bimbingan.condition')}
        <select value={kondisi} onChange={(e) => setKondisi(e.target.value as FollowUpCondition)}>
          {FOLLOW_UP_CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {t(`kasus.bimbingan.conditions.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('kasus.bimbingan.result')}
        <textarea rows={2} value={hasil} onChange={(e) => setHasil(e.target.value)} />
      </label>
      <button disabled={record.isPending || !hasil.trim()} onClick={() => record.mutate(undefined)}>
        {t('kasus.common.save')}
      </button>
      {record.isError && (
        <p role="alert" className="error">
          {record.error.message}
        </p>
      )}
    </details>
  );
}

/** The follow-up visits of bimbingan lanjut and what each found. */
export function FollowUpsPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const visits = useFollowUps(kase.id);
  const [jadwal, setJadwal] = useState('');
  const add = useCaseWrite(
    kase.id,
    'followups',
    () => api(`/cases/${kase.id}/followups`, { method: 'POST', json: { jadwal } }),
    () => setJadwal(''),
  );
  const works = kase.tindakan.ubah && kase.tahapan === 'bimbingan_lanjut';
  return (
    <div>
      <p className="muted">{t('kasus.bimbingan.intro')}</p>
      {visits.data && visits.data.length > 0 ? (
        <ul className="cards">
          {visits.data.map((v) => (
            <li key={v.id}>
              <strong>{formatDate(v.jadwal)}</strong>{' '}
              <mark className={v.jatuhTempo ? 'late' : ''}>
                {v.jatuhTempo ? t('kasus.bimbingan.due') : t(`kasus.bimbingan.status.${v.status}`)}
              </mark>
              {v.kondisi && <span> · {t(`kasus.bimbingan.conditions.${v.kondisi}`)}</span>}
              {v.hasil && <q>{v.hasil}</q>}
              {works && v.status === 'terjadwal' && <RecordVisit kase={kase} visit={v} />}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('kasus.bimbingan.none')}</p>
      )}
      {works && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(undefined);
          }}
        >
          <label>
            {t('kasus.bimbingan.extra')}
            <input type="date" required min={workerToday(kase.wilayah)} value={jadwal} onChange={(e) => setJadwal(e.target.value)} />
          </label>
          <button type="submit" disabled={add.isPending}>
            {t('kasus.common.save')}
          </button>
          {add.isError && (
            <p role="alert" className="error">
              {add.error.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

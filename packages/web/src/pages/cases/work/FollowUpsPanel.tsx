import { FOLLOW_UP_CONDITIONS, type CaseRecord, type FollowUpCondition, type FollowUpView } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseworkWrites, useCaseWrite, useFollowUps } from '../../../api/casework-queries.js';
import { useOutbox } from '../../../api/outbox.js';
import { SyncMark } from '../../../components/SyncMark.js';
import { formatDate, workerToday } from '../../../lib/format.js';

function RecordVisit({ kase, visit }: { kase: CaseRecord; visit: FollowUpView }) {
  const { t } = useTranslation();
  const [kondisi, setKondisi] = useState<FollowUpCondition>('stabil');
  const [hasil, setHasil] = useState('');
  const record = useCaseWrite(kase.id, 'followups', () => caseworkWrites.followUpRecord(kase.id, visit.id, { kondisi, hasil }));
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
    () => caseworkWrites.followUp(kase.id, jadwal),
    () => setJadwal(''),
  );
  const works = kase.tindakan.ubah && kase.tahapan === 'bimbingan_lanjut';
  const outbox = useOutbox();
  const scheduled = outbox.filter((e) => e.kind === 'followUp' && e.ref.caseId === kase.id);
  const recorded = (visitId: string) => outbox.find((e) => e.kind === 'followUpRecord' && e.ref.followUpId === visitId);
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
              {recorded(v.id) ? (
                <p data-testid="pending-followup-record">
                  {t(`kasus.bimbingan.conditions.${String(recorded(v.id)!.body['kondisi']) as FollowUpCondition}`)} ·{' '}
                  <q>{String(recorded(v.id)!.body['hasil'])}</q> <SyncMark entry={recorded(v.id)!} />
                </p>
              ) : (
                works && v.status === 'terjadwal' && <RecordVisit kase={kase} visit={v} />
              )}
            </li>
          ))}
        </ul>
      ) : (
        scheduled.length === 0 && <p>{t('kasus.bimbingan.none')}</p>
      )}
      {scheduled.length > 0 && (
        <ul className="cards pending">
          {scheduled.map((e) => (
            <li key={e.seq} data-testid="pending-followup">
              <strong>{formatDate(String(e.body['jadwal']))}</strong> <SyncMark entry={e} />
            </li>
          ))}
        </ul>
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

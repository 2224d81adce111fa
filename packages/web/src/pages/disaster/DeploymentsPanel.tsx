import { PERAN_PENUGASAN, type DeployableRecord, type DisasterRecord, type PeranPenugasan } from '@tuntas/domain';
import { useState } from 'react';
import { AddToggle } from './AddToggle.js';
import { useTranslation } from 'react-i18next';
import { useDeploy, useDeployments } from '../../api/disaster-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate, workerToday } from '../../lib/format.js';
import { DeployeePicker } from './DeployeePicker.js';
import { AreaName } from '../../components/AreaName.js';
import { EndDeployment } from './EndDeployment.js';

function DeployForm({ event, onDone }: { event: DisasterRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const deploy = useDeploy(event.id);
  const today = workerToday(event.wilayah[0] ?? null);
  const [who, setWho] = useState<DeployableRecord | null>(null);
  const [f, setF] = useState({ mulai: today, selesai: today, peran: 'pendataan' as PeranPenugasan, suratTugas: '' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!who) return;
        const suratTugas = f.suratTugas.trim();
        deploy.mutate(
          { userId: who.userId, mulai: f.mulai, selesai: f.selesai, peran: f.peran, ...(suratTugas ? { suratTugas } : {}) },
          { onSuccess: onDone },
        );
      }}
    >
      <h3>{t('bencana.penugasan.add')}</h3>
      <fieldset>
        <legend>{t('bencana.penugasan.pendamping')}</legend>
        <DeployeePicker disasterId={event.id} value={who} onChange={setWho} />
      </fieldset>
      <div className="grid">
        <label>
          {t('bencana.penugasan.mulai')}
          <input type="date" required min={event.mulai} value={f.mulai} onChange={(e) => setF({ ...f, mulai: e.target.value })} />
        </label>
        <label>
          {t('bencana.penugasan.selesai')}
          <input type="date" required min={f.mulai} value={f.selesai} onChange={(e) => setF({ ...f, selesai: e.target.value })} />
        </label>
      </div>
      <div className="grid">
        <label>
          {t('bencana.penugasan.peran')}
          <select value={f.peran} onChange={(e) => setF({ ...f, peran: e.target.value as PeranPenugasan })}>
            {PERAN_PENUGASAN.map((p) => (
              <option key={p} value={p}>
                {t(`bencana.peran.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bencana.penugasan.suratTugas')}
          <input maxLength={100} value={f.suratTugas} onChange={(e) => setF({ ...f, suratTugas: e.target.value })} />
        </label>
      </div>
      {deploy.isError && (
        <p role="alert" className="error">
          {deploy.error.message}
        </p>
      )}
      <button type="submit" disabled={deploy.isPending || !who} aria-busy={deploy.isPending}>
        {t('bencana.penugasan.submit')}
      </button>
    </form>
  );
}

/** Penugasan: who is sent to the event, when, as what, on which letter; and the form to send more. */
export function DeploymentsPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const deployments = useDeployments(event.id);
  return (
    <>
      <h2>{t('bencana.penugasan.title')}</h2>
      <QueryStatus query={deployments} isEmpty={(d) => d.length === 0} empty={<p>{t('bencana.penugasan.none')}</p>}>
        {(rows) => (
          <ul className="plain-list">
            {rows.map((d) => (
              <li key={d.id} data-testid="deployment">
                <strong>{d.nama ?? d.username}</strong> <small className="muted">{d.username}</small>{' '}
                {d.aktif ? (
                  <mark className="ok-mark">{t('bencana.penugasan.aktif')}</mark>
                ) : (
                  <small className="muted">{t('bencana.penugasan.tidakAktif')}</small>
                )}
                <br />
                {t(`bencana.peran.${d.peran}`)} ·{' '}
                {t('bencana.penugasan.dates', { mulai: formatDate(d.mulai), selesai: formatDate(d.selesai) })}
                {d.wilayahAsal && (
                  <>
                    {' '}
                    · <small>{t('bencana.penugasan.asal')}</small>
                    <small>
                      <AreaName code={d.wilayahAsal} />
                    </small>
                  </>
                )}
                {d.suratTugas && (
                  <>
                    <br />
                    <small>
                      {t('bencana.penugasan.suratTugas')}: {d.suratTugas}
                    </small>
                  </>
                )}
                {event.tindakan.tugaskan && <EndDeployment disasterId={event.id} deployment={d} />}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {event.tindakan.tugaskan && (
        <AddToggle
          label={t('bencana.penugasan.add')}
          savedText={t('bencana.penugasan.saved')}
          form={(onDone) => <DeployForm event={event} onDone={onDone} />}
        />
      )}
    </>
  );
}

import type { DeployableRecord } from '@tuntas/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeployable } from '../../api/disaster-queries.js';
import { AreaName } from '../../components/AreaName.js';

/** Who is deployed: a pendamping of any province, found by name or username; one already on duty today is marked. */
export function DeployeePicker({
  disasterId,
  value,
  onChange,
}: {
  disasterId: string;
  value: DeployableRecord | null;
  onChange: (c: DeployableRecord | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const candidates = useDeployable(disasterId, q);
  if (value) {
    return (
      <p data-testid="deployee">
        {t('bencana.penugasan.chosen', { name: value.nama ? `${value.nama} (${value.username})` : value.username })}
        <small className="muted">
          {' '}
          · <AreaName code={value.wilayah} /> · {t('pelatihan.ldpLevel', { level: t(`pelatihan.level${value.ldp}`) })}
        </small>{' '}
        <button type="button" className="secondary outline small" onClick={() => onChange(null)}>
          {t('common.edit')}
        </button>
      </p>
    );
  }
  return (
    <div>
      <label htmlFor={id}>{t('bencana.penugasan.searchPendamping')}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        placeholder={t('bencana.penugasan.usernameHint')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {candidates.data && candidates.data.length === 0 && <p className="muted">{t('bencana.penugasan.noCandidates')}</p>}
      {candidates.isError && (
        <p role="alert" className="error">
          {candidates.error.message}
        </p>
      )}
      {candidates.data && candidates.data.length > 0 && (
        <ul className="plain-list candidates">
          {candidates.data.map((c) => (
            <li key={c.userId}>
              <button type="button" className="secondary outline" onClick={() => onChange(c)}>
                {c.nama ?? c.username} <small>{c.username}</small>
                <small>
                  {' '}
                  · <AreaName code={c.wilayah} />
                </small>
                <small> · {t('pelatihan.ldpLevel', { level: t(`pelatihan.level${c.ldp}`) })}</small>
                {c.bertugas && <mark>{t('bencana.penugasan.onDutyToday')}</mark>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

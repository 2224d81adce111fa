import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeployable, type DeployCandidate } from '../../api/disaster-queries.js';
import { AreaName } from './DisasterBits.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who is deployed: pendamping of any province, searched by username or name where the caller may
 * list accounts (admin, koordinator). The direktorat, who may not, types the account id from the
 * assignment letter until the server offers a candidate list. The one place to change then.
 */
export function DeployeePicker({ disasterId, canListUsers, value, onChange }: { disasterId: string; canListUsers: boolean; value: DeployCandidate | null; onChange: (c: DeployCandidate | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const candidates = useDeployable(disasterId, q, canListUsers);
  const noList = !canListUsers;
  if (value) {
    return (
      <p data-testid="deployee">
        {t('bencana.penugasan.chosen', { name: value.nama ? `${value.nama} (${value.username})` : value.username })}
        {value.wilayah && (
          <small className="muted">
            {' '}
            · <AreaName code={value.wilayah} />
          </small>
        )}{' '}
        <button type="button" className="secondary outline small" onClick={() => onChange(null)}>
          {t('common.edit')}
        </button>
      </p>
    );
  }
  return (
    <div>
      <label htmlFor={id}>{noList ? t('bencana.penugasan.accountId') : t('bencana.penugasan.searchPendamping')}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        placeholder={noList ? undefined : t('bencana.penugasan.usernameHint')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (noList && UUID.test(e.target.value.trim())) onChange({ id: e.target.value.trim(), username: e.target.value.trim(), nama: null, wilayah: null });
        }}
      />
      {noList && <small className="muted">{t('bencana.penugasan.idHint')}</small>}
      {!noList && candidates.data && candidates.data.length === 0 && <p className="muted">{t('bencana.penugasan.noCandidates')}</p>}
      {!noList && candidates.data && candidates.data.length > 0 && (
        <ul className="plain-list candidates">
          {candidates.data.slice(0, 10).map((c) => (
            <li key={c.id}>
              <button type="button" className="secondary outline" onClick={() => onChange(c)}>
                {c.nama ?? c.username} <small>{c.username}</small>
                {c.wilayah && (
                  <small>
                    {' '}
                    · <AreaName code={c.wilayah} />
                  </small>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { TeamSyncStatusRow } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useTeamSyncStatus } from '../../api/sync-status.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatAgo, formatDateTime } from '../../lib/format.js';

const held = (r: TeamSyncStatusRow) => r.menunggu + r.konflik + r.ditolak > 0;
const lastSeen = (r: TeamSyncStatusRow) => r.sinkronTerakhir ?? r.dilaporkanPada;

function HeldLine({ row }: { row: TeamSyncStatusRow }) {
  const { t } = useTranslation();
  const seen = lastSeen(row);
  return (
    <li data-testid="device-work" data-user={row.username}>
      <strong>{row.nama ?? row.username}</strong> <small>{row.wilayah}</small> ·{' '}
      {row.konflik > 0 && <mark>{t('kerja.tim.perangkat.konflik', { count: row.konflik })}</mark>}{' '}
      {row.ditolak > 0 && <mark>{t('kerja.tim.perangkat.ditolak', { count: row.ditolak })}</mark>}{' '}
      {row.menunggu > 0 && <span>{t('kerja.tim.perangkat.menunggu', { count: row.menunggu })}</span>}
      {row.menungguSejak && (
        <>
          {' '}
          <small>
            {t('kerja.tim.perangkat.oldest', { ago: formatAgo(row.menungguSejak), at: formatDateTime(row.menungguSejak, row.wilayah) })}
          </small>
        </>
      )}
      <br />
      <small className="muted">
        {seen ? t('kerja.tim.perangkat.lastSync', { ago: formatAgo(seen) }) : t('kerja.tim.perangkat.neverSynced')}
        {row.dilaporkanPada && <> · {t('kerja.tim.perangkat.reported', { ago: formatAgo(row.dilaporkanPada) })}</>}
        {row.jumlahPerangkat > 1 && <> · {t('kerja.tim.perangkat.devices', { count: row.jumlahPerangkat })}</>}
      </small>
    </li>
  );
}

function Names({ rows }: { rows: TeamSyncStatusRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {rows.map((r) => (
        <li key={r.userId}>
          {r.nama ?? r.username} <small>{r.wilayah}</small>
          {lastSeen(r) && <small className="muted"> · {t('kerja.tim.perangkat.lastSync', { ago: formatAgo(lastSeen(r)!) })}</small>}
        </li>
      ))}
    </ul>
  );
}

/**
 * Which of the team have work still on their devices (issue 17): unsent, conflicting or refused
 * first, each with how old the oldest waiting write is and when their device last synced; the
 * rest as two counts, opened for the names.
 */
export function TeamSyncStatus() {
  const { t } = useTranslation();
  const status = useTeamSyncStatus();
  return (
    <section aria-labelledby="pekerjaan-perangkat">
      <h2 id="pekerjaan-perangkat">{t('kerja.tim.perangkat.title')}</h2>
      <p className="muted">{t('kerja.tim.perangkat.note')}</p>
      <QueryStatus query={status} isEmpty={(d) => d.length === 0} empty={null}>
        {(rows) => {
          const holding = rows.filter(held);
          const clear = rows.filter((r) => !held(r) && lastSeen(r));
          const never = rows.filter((r) => !held(r) && !lastSeen(r));
          return (
            <>
              {holding.length === 0 ? (
                <p>{t('kerja.tim.perangkat.allClear')}</p>
              ) : (
                <ul className="plain-list">
                  {holding.map((r) => (
                    <HeldLine key={r.userId} row={r} />
                  ))}
                </ul>
              )}
              {clear.length > 0 && (
                <details>
                  <summary>{t('kerja.tim.perangkat.clear', { count: clear.length })}</summary>
                  <Names rows={clear} />
                </details>
              )}
              {never.length > 0 && (
                <details>
                  <summary>{t('kerja.tim.perangkat.never', { count: never.length })}</summary>
                  <Names rows={never} />
                </details>
              )}
            </>
          );
        }}
      </QueryStatus>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useEndOwnSession, useOwnSessions } from '../../api/auth-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';

/** A browser's user-agent as a person would name the device: "Chrome di Android". */
function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, system].filter(Boolean).join(' · ') || null;
}

/** "Perangkat yang sedang masuk": one's own sessions; a lost phone is signed out from here. */
export function SessionsPanel() {
  const { t } = useTranslation();
  const sessions = useOwnSessions();
  const end = useEndOwnSession();
  return (
    <article aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('akun.sesi.title')}</h2>
      <p>{t('akun.sesi.intro')}</p>
      <QueryStatus query={sessions} isEmpty={(d) => d.length === 0} empty={null}>
        {(d) => (
          <ul className="sessions">
            {d.map((s) => (
              <li key={s.id}>
                <div>
                  <strong>{deviceName(s.userAgent) ?? t('akun.sesi.unknownDevice')}</strong>
                  {s.current && (
                    <>
                      {' '}
                      · <span className="chip">{t('akun.sesi.current')}</span>
                    </>
                  )}
                  <br />
                  <small className="muted">
                    {s.ip ?? '—'} · {t('akun.sesi.since', { when: formatDateTime(s.createdAt, null) })} ·{' '}
                    {t('akun.sesi.lastSeen', { when: formatDateTime(s.lastSeenAt, null) })}
                  </small>
                </div>
                {!s.current && (
                  <button type="button" className="secondary outline" disabled={end.isPending} onClick={() => end.mutate(s.id)}>
                    {t('akun.sesi.end')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {end.isSuccess && <p role="status">{t('akun.sesi.ended')}</p>}
      {end.isError && (
        <p role="alert" className="error">
          {end.error.message}
        </p>
      )}
    </article>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDisasters } from '../../api/disaster-queries.js';
import { StatusChip } from '../disaster/DisasterBits.js';

/** The national dashboard's card of ongoing disaster events (issue 18): name, status, a link. */
export function ActiveDisasters() {
  const { t } = useTranslation();
  const events = useDisasters({ aktif: true });
  if (!events.data) return null;
  return (
    <article className="active-disasters" data-testid="active-disasters">
      <header>
        <h2>{t('bencana.dashboard.title')}</h2>
      </header>
      {events.data.length === 0 ? (
        <p className="muted">{t('bencana.dashboard.none')}</p>
      ) : (
        <ul className="plain-list">
          {events.data.slice(0, 5).map((e) => (
            <li key={e.id}>
              <Link to={`/bencana/${e.id}`}>{e.nama}</Link> <StatusChip status={e.status} />
            </li>
          ))}
        </ul>
      )}
      <footer>
        <Link to="/bencana">{t('bencana.dashboard.all')}</Link>
      </footer>
    </article>
  );
}

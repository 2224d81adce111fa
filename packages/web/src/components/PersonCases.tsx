import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PPKS } from '@tuntas/domain';
import { useOutbox } from '../api/outbox.js';
import { useCases } from '../api/queries.js';
import { SyncMark } from './SyncMark.js';
import { CaseCards } from './CaseCard.js';

/** The cases of one person, on their page, with the way to open a new one. */
export function PersonCases({ beneficiaryId, canOpen }: { beneficiaryId: string; canOpen: boolean }) {
  const { t } = useTranslation();
  const cases = useCases({ page: 1, pageSize: 50, beneficiaryId });
  // Cases opened for this person on this device, not on the server yet (issue 17).
  const queued = useOutbox().filter((e) => e.kind === 'case' && e.ref.beneficiaryId === beneficiaryId);
  return (
    <article>
      <header>
        <h2>{t('cases.ofPerson')}</h2>
      </header>
      {queued.length > 0 && (
        <ul aria-label={t('luring.casesOnDevice')}>
          {queued.map((e) => (
            <li key={e.seq}>
              <Link to={`/kasus/${e.id}`}>{PPKS.find((p) => p.kode === e.body['ppks'])?.nama}</Link> <SyncMark entry={e} />
            </li>
          ))}
        </ul>
      )}
      {cases.isPending ? (
        queued.length > 0 ? null : (
          <p aria-busy="true">{t('common.loading')}</p>
        )
      ) : cases.data && cases.data.items.length > 0 ? (
        <CaseCards cases={cases.data.items} showPendamping />
      ) : (
        queued.length === 0 && <p>{t('cases.noneForPerson')}</p>
      )}
      {canOpen && (
        <footer>
          <Link role="button" to={`/kasus/baru?penerima=${beneficiaryId}`}>
            {t('cases.open')}
          </Link>
        </footer>
      )}
    </article>
  );
}

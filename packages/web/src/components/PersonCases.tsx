import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCases } from '../api/queries.js';
import { CaseCards } from './CaseCard.js';

/** The cases of one person, on their page, with the way to open a new one. */
export function PersonCases({ beneficiaryId, canOpen }: { beneficiaryId: string; canOpen: boolean }) {
  const { t } = useTranslation();
  const cases = useCases({ page: 1, pageSize: 50, beneficiaryId });
  return (
    <article>
      <header>
        <h2>{t('cases.ofPerson')}</h2>
      </header>
      {cases.isPending ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : cases.data && cases.data.items.length > 0 ? (
        <CaseCards cases={cases.data.items} showPendamping />
      ) : (
        <p>{t('cases.noneForPerson')}</p>
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

import { CASE_STATUSES } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseSummary } from '../api/queries.js';
import { formatNumber } from '../lib/format.js';
import { Loading } from './Loading.js';

/** Recorded → handled → resolved (and closed): the funnel every screen of Tuntas serves. */
export function CaseFunnel({ pendampingId, linkToList }: { pendampingId?: string | undefined; linkToList: boolean }) {
  const { t } = useTranslation();
  const summary = useCaseSummary({ pendampingId });
  if (summary.isPending) return <Loading query={summary} />;
  if (summary.isError) return <p role="alert">{summary.error.message}</p>;
  return (
    <ul className="funnel">
      {CASE_STATUSES.map((s) => {
        const figure = (
          <>
            <span className="big-number">{formatNumber(summary.data.byStatus[s])}</span>
            <span>{t(`status.${s}`)}</span>
          </>
        );
        return (
          <li key={s} className={`status-${s}`}>
            {linkToList ? (
              <Link to={`/kasus?status=${s}`} className="funnel-link">
                {figure}
              </Link>
            ) : (
              <span className="funnel-link">{figure}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

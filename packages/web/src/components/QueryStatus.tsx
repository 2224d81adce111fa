import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReadyToShow } from '../lib/arriving.js';
import { Loading } from './Loading.js';

/**
 * The three states every list screen has besides its content: loading, a failure the user can
 * retry, and an empty result that says what to do next. The content first shows after a
 * background render (`useReadyToShow`); "Memuat…" stays until then.
 */
export function QueryStatus<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const data = query.data;
  const shown = useReadyToShow(data !== undefined);
  if (query.isPending || (!shown && data !== undefined)) return <Loading query={query} />;
  // A failed refetch (no signal) keeps showing what the device has.
  if (query.isError && data === undefined) {
    return (
      <p role="alert" className="error">
        {query.error.message} <button onClick={() => void query.refetch()}>{t('common.retry')}</button>
      </p>
    );
  }
  if (isEmpty(data as T)) return <div className="empty">{empty}</div>;
  return <>{children(data as T)}</>;
}

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Loading.js';

/**
 * The three states every list screen has besides its content: loading, a failure the user can
 * retry, and an empty result that says what to do next.
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
  if (query.isPending) return <Loading query={query} />;
  // A failed refetch (no signal) keeps showing what the device has.
  if (query.isError && query.data === undefined) {
    return (
      <p role="alert" className="error">
        {query.error.message} <button onClick={() => void query.refetch()}>{t('common.retry')}</button>
      </p>
    );
  }
  if (isEmpty(query.data as T)) return <div className="empty">{empty}</div>;
  return <>{children(query.data as T)}</>;
}

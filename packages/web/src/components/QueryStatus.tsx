import type { UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Loading.js';

/**
 * The three states every list screen has besides its content: loading, a failure the user can
 * retry, and an empty result that says what to do next. The content is drawn from a deferred
 * value: a long list renders in the background, interrupted every few milliseconds, instead of
 * blocking a phone's main thread (total blocking time); what was shown stays until it is done.
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
  const data = useDeferredValue(query.data);
  if (query.isPending || (data === undefined && query.data !== undefined)) return <Loading query={query} />;
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

import type { UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Loading.js';

/**
 * The three states every list screen has besides its content: loading, a failure the user can
 * retry, and an empty result that says what to do next. The content's first showing is a
 * background render React interrupts every few milliseconds (a deferred value), instead of one
 * block of a phone's main thread (total blocking time); "Memuat…" stays until it is done.
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
  // Only the first showing is deferred, never the data: a button drawn from an older answer
  // would act on an older version (a plan submitted against the version before its save).
  const shown = useDeferredValue(query.data !== undefined, false);
  const data = query.data;
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

import { useTranslation } from 'react-i18next';

/**
 * What a screen shows while its data is not there: "Memuat…" while it is being fetched, and —
 * without a signal, for data never kept on the device — says so instead of loading forever.
 */
export function Loading({ query }: { query?: { fetchStatus: string } }) {
  const { t } = useTranslation();
  if (query?.fetchStatus === 'paused') {
    return (
      <p className="notice offline-notice" role="status">
        {t('luring.notCached')}
      </p>
    );
  }
  return <p aria-busy="true">{t('common.loading')}</p>;
}

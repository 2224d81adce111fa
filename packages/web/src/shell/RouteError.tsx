import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A lazily loaded screen whose code could not be fetched (no signal, never cached, or a release replaced it). */
function isChunkError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Failed to fetch|Loading chunk|module script/i.test(message);
}

/**
 * Shown instead of React Router's English developer page: a screen that failed to load or
 * render, in the user's language, with a way on. Inside the shell the menu stays usable.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section>
        <h1>{t('errors.notFoundPage')}</h1>
        <Link to="/">{t('nav.beranda')}</Link>
      </section>
    );
  }
  const chunk = isChunkError(error);
  return (
    <section role="alert">
      <h1>{chunk ? t('luring.chunkFailed') : t('errors.generic')}</h1>
      {chunk && <p>{t('luring.chunkFailedHint')}</p>}
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('luring.reload')}
        </button>{' '}
        <Link to="/">{t('nav.beranda')}</Link>
      </p>
    </section>
  );
}

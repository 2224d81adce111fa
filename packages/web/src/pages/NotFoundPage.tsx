import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('errors.notFoundPage')}</h1>
      <Link to="/">{t('nav.beranda')}</Link>
    </section>
  );
}

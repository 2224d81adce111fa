import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** An honest placeholder for sections that later issues build: says what is coming, offers a way on. */
export function ComingSoonPage({ feature }: { feature: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('comingSoon.title', { feature: t(`nav.${feature}`) })}</h1>
      <p>{t('comingSoon.body')}</p>
      <Link to="/">{t('nav.beranda')}</Link>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('errors.notFoundPage')}</h1>
      <Link to="/">{t('nav.beranda')}</Link>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBeneficiaries, useMe, useWilayah } from '../api/queries.js';
import { formatNumber } from '../lib/format.js';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const area = useWilayah(me.wilayah);
  const registry = useBeneficiaries({ page: 1, pageSize: 1 });
  const canWrite = me.role === 'pendamping' || me.role === 'koordinator' || me.role === 'admin';

  return (
    <section>
      <h1>{t('home.greeting', { name: me.username })}</h1>
      <p>{t('home.scope', { wilayah: me.wilayah ? (area.data?.nama ?? me.wilayah) : t('home.national') })}</p>
      <article>
        <header>
          <h2>{t('home.registry')}</h2>
        </header>
        {registry.isPending ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : registry.data && registry.data.total > 0 ? (
          <p className="big-number">
            <Link to="/penerima-manfaat">{formatNumber(registry.data.total)}</Link>
          </p>
        ) : (
          <p>{t('home.registryEmpty')}</p>
        )}
        {canWrite && (
          <footer className="actions">
            <Link role="button" to="/penerima-manfaat/baru">
              {t('home.addPerson')}
            </Link>
            <Link role="button" className="secondary" to="/penerima-manfaat/impor">
              {t('home.importFile')}
            </Link>
          </footer>
        )}
      </article>
    </section>
  );
}

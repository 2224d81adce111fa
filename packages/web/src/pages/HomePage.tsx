import { writesRecords } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTasks } from '../api/casework-queries.js';
import { useBeneficiaries, useCases, useCaseSummary, useMe, useWilayah } from '../api/queries.js';
import { CaseCards } from '../components/CaseCard.js';
import { CaseFunnel } from '../components/CaseFunnel.js';
import { TasksCard } from '../components/TasksCard.js';
import { formatNumber } from '../lib/format.js';
import { Loading } from '../components/Loading.js';
import { useStillArriving } from '../lib/arriving.js';

const activeParams = (pendampingId: string) => ({ page: 1, pageSize: 5, status: 'tertangani' as const, pendampingId });

/** The pendamping's active cases, most recently touched first: where the day's work starts. */
function ActiveCases({ pendampingId }: { pendampingId: string }) {
  const { t } = useTranslation();
  const cases = useCases(activeParams(pendampingId));
  if (cases.isPending) return <Loading query={cases} />;
  if (!cases.data || cases.data.items.length === 0) return <p>{t('home.noActiveCases')}</p>;
  return <CaseCards cases={cases.data.items} />;
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const area = useWilayah(me.wilayah);
  const registry = useBeneficiaries({ page: 1, pageSize: 1 });
  const canWrite = writesRecords(me.role);
  const works = me.role === 'pendamping' || me.role === 'koordinator';
  const own = me.role === 'pendamping' ? me.id : undefined;
  // The same queries the cards make (shared by key): the page waits for all of them and then shows
  // its cards at once, instead of jumping as each one's data arrives (layout shift, issue 21). Data
  // the device cannot fetch now (paused offline) does not hold the page: those cards say so.
  const tasks = useTasks({ enabled: works });
  const summary = useCaseSummary({ pendampingId: own });
  const active = useCases(activeParams(own ?? ''), { enabled: own !== undefined });
  const arriving = useStillArriving(works && tasks, summary, own !== undefined && active, registry);
  const heading = (
    <>
      <h1>{t('home.greeting', { name: me.namaLengkap || me.username })}</h1>
      <p>{t('home.scope', { wilayah: me.wilayah ? (area.data?.nama ?? me.wilayah) : t('home.national') })}</p>
    </>
  );
  if (arriving)
    return (
      <section>
        {heading}
        <Loading />
      </section>
    );

  return (
    <section>
      {heading}
      {works && <TasksCard />}
      <article>
        <header>
          <h2>{me.role === 'pendamping' ? t('home.myCases') : t('home.areaCases')}</h2>
        </header>
        <CaseFunnel pendampingId={own} linkToList={works} />
        {me.role === 'pendamping' && (
          <>
            <h3>{t('home.activeCases')}</h3>
            <ActiveCases pendampingId={me.id} />
          </>
        )}
        {works && (
          <footer className="actions">
            <Link role="button" to="/kasus">
              {t('home.allCases')}
            </Link>
          </footer>
        )}
      </article>
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
            <Link role="button" className="secondary" to="/penerima-manfaat/baru">
              {t('home.addPerson')}
            </Link>
            <Link role="button" className="secondary outline" to="/penerima-manfaat/impor">
              {t('home.importFile')}
            </Link>
          </footer>
        )}
      </article>
    </section>
  );
}

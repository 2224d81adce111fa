import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDisasters } from '../../api/disaster-queries.js';
import { useMe } from '../../api/queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate } from '../../lib/format.js';
import { DeclareDisasterForm } from './DeclareDisasterForm.js';
import { AreaNames, StatusChip } from './DisasterBits.js';

const FILTERS = ['aktif', 'selesai', 'semua'] as const;
type Filter = (typeof FILTERS)[number];

/** Daftar kejadian: every event the user may see, ongoing first; the declare form for those who may. */
export default function DisasterListPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get('tampil') ?? '') ? (params.get('tampil') as Filter) : 'aktif';
  const list = useDisasters(filter === 'aktif' ? { aktif: true } : filter === 'selesai' ? { status: 'selesai' } : {});
  const [declaring, setDeclaring] = useState(false);
  // The server decides (authz/disaster-access.ts mayDeclare); the browser only offers it.
  const mayDeclare =
    ((me.role === 'direktorat' || me.role === 'admin') && me.wilayah === null) || (me.role === 'koordinator' && me.wilayah !== null);
  return (
    <section>
      <h1>{t('bencana.listTitle')}</h1>
      <div className="chips" role="group" aria-label={t('bencana.listTitle')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={filter === f ? '' : 'outline secondary'}
            aria-pressed={filter === f}
            onClick={() => setParams(f === 'aktif' ? {} : { tampil: f })}
          >
            {t(`bencana.filter.${f}`)}
          </button>
        ))}
        {mayDeclare && !declaring && (
          <button type="button" className="declare-button" onClick={() => setDeclaring(true)}>
            {t('bencana.declare.open')}
          </button>
        )}
      </div>
      {declaring && (
        <article>
          <DeclareDisasterForm me={me} onDone={() => setDeclaring(false)} />
        </article>
      )}
      <QueryStatus
        query={list}
        isEmpty={(d) => d.length === 0}
        empty={<p>{filter === 'aktif' ? t('bencana.noneActive') : t('bencana.none')}</p>}
      >
        {(events) => (
          <ul className="cards">
            {events.map((e) => (
              <li key={e.id}>
                <Link to={`/bencana/${e.id}`} className="card-link" data-testid="disaster">
                  <strong>
                    {e.nama} <StatusChip status={e.status} />
                  </strong>
                  <span className="muted">
                    {t(`bencana.jenis.${e.jenis}`)} ·{' '}
                    {e.selesai
                      ? t('bencana.until', { mulai: formatDate(e.mulai), selesai: formatDate(e.selesai) })
                      : t('bencana.since', { date: formatDate(e.mulai) })}
                  </span>
                  <span className="muted">
                    <AreaNames codes={e.wilayah} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}

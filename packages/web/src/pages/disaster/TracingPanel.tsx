import {
  ARAH_PENELUSURAN,
  STATUS_PENELUSURAN,
  type ArahPenelusuran,
  type DisasterRecord,
  type JenisPenelusuran,
  type StatusPenelusuran,
} from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTracingList } from '../../api/disaster-tracing-queries.js';
import { useOutbox } from '../../api/outbox.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { SyncMark } from '../../components/SyncMark.js';
import { TracingDetail } from './TracingDetail.js';
import { TracingForm } from './TracingForm.js';
import { TracingLine } from './TracingLine.js';

const PAGE_SIZE = 50;

/**
 * Penelusuran: the event's sought and found people with their status; record one (through the
 * outbox), open one to see the candidates, confirm a match, record the reunification or close it.
 */
export function TracingPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{ arah: ArahPenelusuran | ''; status: StatusPenelusuran | '' }>({ arah: '', status: '' });
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useTracingList(event.id, {
    page,
    pageSize: PAGE_SIZE,
    arah: filters.arah || undefined,
    status: filters.status || undefined,
  });
  const waiting = useOutbox().filter((e) => e.kind === 'tracing' && e.ref.disasterId === event.id);

  if (opened) return <TracingDetail event={event} id={opened} onBack={() => setOpened(null)} />;
  return (
    <>
      <h2>{t('bencana.penelusuran.title')}</h2>
      {message && <p role="status">{message}</p>}
      {event.tindakan.catat &&
        (adding ? (
          <article>
            <TracingForm
              event={event}
              onDone={(queued) => {
                setAdding(false);
                setMessage(queued ? t('bencana.penelusuran.queued') : t('bencana.penelusuran.saved'));
              }}
            />
            <button type="button" className="secondary outline" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </article>
        ) : (
          <button type="button" onClick={() => (setAdding(true), setMessage(null))}>
            {t('bencana.penelusuran.add')}
          </button>
        ))}
      {waiting.length > 0 && (
        <ul className="plain-list">
          {waiting.map((e) => (
            <li key={e.seq} data-testid="tracing-pending">
              <strong>{String(e.body['nama'] ?? t('bencana.penelusuran.unnamed'))}</strong> ·{' '}
              {t(`bencana.penelusuran.jenis.${String(e.body['jenis']) as JenisPenelusuran}`)} <SyncMark entry={e} />
            </li>
          ))}
        </ul>
      )}
      <div className="affected-filters">
        <select
          aria-label={t('bencana.penelusuran.filterArah')}
          value={filters.arah}
          onChange={(e) => (setFilters({ ...filters, arah: e.target.value as ArahPenelusuran | '' }), setPage(1))}
        >
          <option value="">{t('bencana.penelusuran.allArah')}</option>
          {ARAH_PENELUSURAN.map((a) => (
            <option key={a} value={a}>
              {t(`bencana.penelusuran.arah.${a}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('bencana.penelusuran.filterStatus')}
          value={filters.status}
          onChange={(e) => (setFilters({ ...filters, status: e.target.value as StatusPenelusuran | '' }), setPage(1))}
        >
          <option value="">{t('bencana.penelusuran.allStatus')}</option>
          {STATUS_PENELUSURAN.map((s) => (
            <option key={s} value={s}>
              {t(`bencana.penelusuran.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryStatus query={list} isEmpty={(d) => d.items.length === 0} empty={<p>{t('bencana.penelusuran.none')}</p>}>
        {(d) => (
          <>
            <p className="muted">{t('bencana.penelusuran.total', { count: d.total })}</p>
            <ul className="plain-list">
              {d.items.map((r) => (
                <li key={r.id} data-testid="tracing" data-tracing-id={r.id}>
                  <TracingLine record={r} />
                  <div>
                    <button type="button" className="secondary outline small" onClick={() => setOpened(r.id)}>
                      {t('bencana.penelusuran.open')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <Pager page={page} total={d.total} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryStatus>
    </>
  );
}

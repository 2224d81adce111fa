import { CASE_SORTS, CASE_STATUSES, defaultSortDirection, supervises, type CaseSort } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCases, useMe } from '../../api/queries.js';
import { CaseCard } from '../../components/CaseCard.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber } from '../../lib/format.js';
import { useMediaQuery } from '../../lib/use-media-query.js';
import { AssignBar } from './AssignBar.js';
import { CaseFilters } from './CaseFilters.js';
import { CaseTable } from './CaseTable.js';

const PAGE_SIZE = 20;

/**
 * The pendamping's own caseload (a koordinator sees the whole area and can narrow it to theirs),
 * filtered by headline status and searchable by name or case number. The office on a desktop gets a
 * sortable table and filters by area, pendamping, category, stage and unassigned (issue 21), all
 * answered by the server a page at a time; phones keep the cards.
 */
export default function CaseListPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('hal') ?? 1);
  const ownOnly = me.role === 'pendamping' || params.get('milik') === 'saya';
  const lateOnly = params.get('terlambat') === '1';
  // A koordinator arrives from the task list's "overdue per pendamping" with one pendamping chosen.
  const pendampingId = ownOnly ? me.id : (params.get('pendampingId') ?? undefined);
  const [text, setText] = useState(q);
  const canAssign = supervises(me.role);
  const office = me.role !== 'pendamping';
  const desktop = useMediaQuery('(min-width: 1024px)');
  const urutParam = params.get('urut') ?? '';
  const urut: CaseSort = (CASE_SORTS as readonly string[]).includes(urutParam) ? (urutParam as CaseSort) : 'aktivitas';
  const arah =
    params.get('arah') === 'asc' || params.get('arah') === 'desc' ? (params.get('arah') as 'asc' | 'desc') : defaultSortDirection(urut);
  const [selected, setSelected] = useState<Array<{ id: string; wilayah: string; ppks: string }>>([]);
  const toggle = (c: { id: string; wilayah: string; ppks: string }) =>
    setSelected((s) =>
      s.some((x) => x.id === c.id) ? s.filter((x) => x.id !== c.id) : [...s, { id: c.id, wilayah: c.wilayah, ppks: c.ppks }],
    );
  const list = useCases({
    page,
    pageSize: PAGE_SIZE,
    q: q || undefined,
    status: status || undefined,
    pendampingId,
    terlambat: lateOnly || undefined,
    ...(office && {
      wilayah: params.get('wilayah') || undefined,
      ppks: params.get('ppks') || undefined,
      tahapan: params.get('tahapan') || undefined,
      tanpaPendamping: params.get('tanpa') === '1' || undefined,
    }),
    urut,
    arah,
  });
  const update = (next: Record<string, string>) => {
    const merged = { ...Object.fromEntries(params), ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== '')));
  };

  return (
    <section>
      <h1>{me.role === 'pendamping' ? t('nav.kasusSaya') : t('cases.titleArea')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: text.trim(), hal: '' });
        }}
      >
        <label htmlFor="cari-kasus">{t('cases.searchLabel')}</label>
        <fieldset role="group">
          <input id="cari-kasus" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit">{t('common.search')}</button>
        </fieldset>
      </form>
      <div className="chips" role="group" aria-label={t('cases.filterStatus')}>
        {['', ...CASE_STATUSES].map((s) => (
          <button
            key={s || 'semua'}
            type="button"
            className={status === s ? '' : 'outline secondary'}
            aria-pressed={status === s}
            onClick={() => update({ status: s, hal: '' })}
          >
            {s ? t(`status.${s}`) : t('cases.allStatuses')}
          </button>
        ))}
        <label className="inline-check">
          <input type="checkbox" checked={lateOnly} onChange={(e) => update({ terlambat: e.target.checked ? '1' : '', hal: '' })} />
          {t('cases.onlyLate')}
        </label>
        {me.role !== 'pendamping' && (
          <label className="inline-check">
            <input type="checkbox" checked={ownOnly} onChange={(e) => update({ milik: e.target.checked ? 'saya' : '', hal: '' })} />
            {t('cases.onlyMine')}
          </label>
        )}
      </div>
      {office && <CaseFilters params={params} update={update} />}
      <QueryStatus
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <>
            <p>{t('cases.empty')}</p>
            <p>{t('cases.emptyHint')}</p>
          </>
        }
      >
        {(data) => (
          <>
            <p aria-live="polite">{t('cases.total', { formatted: formatNumber(data.total) })}</p>
            {office && desktop ? (
              <CaseTable
                cases={data.items}
                urut={urut}
                arah={arah}
                onSort={(u, a) => update({ urut: u, arah: a, hal: '' })}
                selected={canAssign ? selected : null}
                onSelect={setSelected}
              />
            ) : (
              <ul className="cards" aria-busy={list.isFetching}>
                {data.items.map((c) => (
                  <li key={c.id} className={canAssign ? 'selectable' : undefined}>
                    {canAssign && (
                      <input
                        type="checkbox"
                        checked={selected.some((x) => x.id === c.id)}
                        onChange={() => toggle(c)}
                        aria-label={t('cases.select', { name: c.beneficiaryNama, nomor: c.nomor })}
                      />
                    )}
                    <CaseCard kase={c} showPendamping={!ownOnly} />
                  </li>
                ))}
              </ul>
            )}
            <Pager page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => update({ hal: String(p) })} />
          </>
        )}
      </QueryStatus>
      {canAssign && <AssignBar selected={selected} onDone={() => setSelected([])} />}
    </section>
  );
}

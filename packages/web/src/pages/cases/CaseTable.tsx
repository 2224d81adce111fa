import { defaultSortDirection, ppksByCode, type CaseRecord, type CaseSort } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/CaseCard.js';
import { formatDay } from '../../lib/format.js';
import { TableScroll } from '../../components/TableScroll.js';

type Picked = { id: string; wilayah: string; ppks: string };

/** The sortable column headers: the order's name and the other way on a second click. */
function SortHeader({
  col,
  label,
  urut,
  arah,
  onSort,
}: {
  col: CaseSort;
  label: string;
  urut: CaseSort;
  arah: 'asc' | 'desc';
  onSort: (u: CaseSort, a: 'asc' | 'desc') => void;
}) {
  const { t } = useTranslation();
  const active = urut === col;
  const next = active ? (arah === 'asc' ? 'desc' : 'asc') : defaultSortDirection(col);
  return (
    <th scope="col" aria-sort={active ? (arah === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link-button" onClick={() => onSort(col, next)} aria-label={t('kasus.daftar.sortBy', { col: label })}>
        {label}
        {active && <span aria-hidden="true">{arah === 'asc' ? ' ▲' : ' ▼'}</span>}
      </button>
    </th>
  );
}

/**
 * The office's case list on a desktop (≥ 1024 px): one row per case, sortable on the server, with a
 * check box per row and one for the page, which the assignment bar below then uses.
 */
export function CaseTable({
  cases,
  urut,
  arah,
  onSort,
  selected,
  onSelect,
}: {
  cases: CaseRecord[];
  urut: CaseSort;
  arah: 'asc' | 'desc';
  onSort: (u: CaseSort, a: 'asc' | 'desc') => void;
  selected: Picked[] | null;
  onSelect: (next: Picked[]) => void;
}) {
  const { t } = useTranslation();
  const isPicked = (id: string) => selected?.some((x) => x.id === id) ?? false;
  const allPicked = cases.length > 0 && cases.every((c) => isPicked(c.id));
  const others = (selected ?? []).filter((x) => !cases.some((c) => c.id === x.id));
  const sort = { urut, arah, onSort };
  return (
    <TableScroll>
      <table className="case-table">
        <caption className="visually-hidden">{t('kasus.daftar.table')}</caption>
        <thead>
          <tr>
            {selected && (
              <th scope="col">
                <input
                  type="checkbox"
                  checked={allPicked}
                  aria-label={t('kasus.daftar.selectPage')}
                  onChange={() =>
                    onSelect(allPicked ? others : [...others, ...cases.map((c) => ({ id: c.id, wilayah: c.wilayah, ppks: c.ppks }))])
                  }
                />
              </th>
            )}
            <th scope="col">{t('kasus.daftar.colNomor')}</th>
            <th scope="col">{t('kasus.daftar.colNama')}</th>
            <th scope="col">{t('kasus.daftar.colPpks')}</th>
            <SortHeader col="tahapan" label={t('kasus.daftar.colTahapan')} {...sort} />
            <th scope="col">{t('kasus.daftar.colPendamping')}</th>
            <SortHeader col="dibuka" label={t('kasus.daftar.colDibuka')} {...sort} />
            <SortHeader col="aktivitas" label={t('kasus.daftar.colAktivitas')} {...sort} />
            <SortHeader col="tenggat" label={t('kasus.daftar.colTenggat')} {...sort} />
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              {selected && (
                <td>
                  <input
                    type="checkbox"
                    checked={isPicked(c.id)}
                    aria-label={t('cases.select', { name: c.beneficiaryNama, nomor: c.nomor })}
                    onChange={() =>
                      onSelect(
                        isPicked(c.id)
                          ? selected.filter((x) => x.id !== c.id)
                          : [...selected, { id: c.id, wilayah: c.wilayah, ppks: c.ppks }],
                      )
                    }
                  />
                </td>
              )}
              <td>
                <Link to={`/kasus/${c.id}`}>{c.nomor}</Link>
              </td>
              <td>
                {c.beneficiaryNama} <StatusBadge status={c.status} />
              </td>
              <td>{ppksByCode(c.ppks)?.nama ?? c.ppks}</td>
              <td>{t(`tahapan.${c.tahapan}`)}</td>
              <td>{c.pendampingNama ?? <em>{t('cases.unassigned')}</em>}</td>
              <td>{formatDay(c.createdAt, c.wilayah)}</td>
              <td>{formatDay(c.updatedAt, c.wilayah)}</td>
              <td>
                {c.batasTahapan ? formatDay(c.batasTahapan, c.wilayah) : '—'}
                {c.terlambat && <span className="badge late">{t('cases.late')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

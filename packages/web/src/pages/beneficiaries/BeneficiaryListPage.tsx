import { writesRecords } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBeneficiaries, useMe } from '../../api/queries.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, personAge } from '../../lib/format.js';

const PAGE_SIZE = 20;

/** Search first: the box is the page. Typing a NIK or a misspelt name finds the person. */
export default function BeneficiaryListPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('hal') ?? 1);
  const [text, setText] = useState(q);
  const list = useBeneficiaries({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const canWrite = writesRecords(me.role);

  return (
    <section>
      <h1>{t('beneficiaries.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {});
        }}
      >
        <label htmlFor="cari">{t('beneficiaries.searchLabel')}</label>
        <fieldset role="group">
          <input
            id="cari"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="cari-hint"
            autoComplete="off"
          />
          <button type="submit">{t('common.search')}</button>
        </fieldset>
        <small id="cari-hint">{t('beneficiaries.searchHint')}</small>
      </form>
      {canWrite && (
        <p className="actions">
          <Link role="button" to="/penerima-manfaat/baru">
            {t('beneficiaries.add')}
          </Link>
          <Link role="button" className="secondary" to="/penerima-manfaat/impor">
            {t('beneficiaries.import')}
          </Link>
          {me.role !== 'pendamping' && (
            <a role="button" className="secondary outline" href="/api/v1/beneficiaries/export?format=xlsx">
              {t('beneficiaries.export')}
            </a>
          )}
        </p>
      )}
      <QueryStatus
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <>
            <p>{t('beneficiaries.empty')}</p>
            <p>{t('beneficiaries.emptyHint')}</p>
          </>
        }
      >
        {(data) => (
          <>
            <p aria-live="polite">{t('common.total', { count: data.total, formatted: formatNumber(data.total) })}</p>
            <ul className="cards" aria-busy={list.isFetching}>
              {data.items.map((b) => (
                <li key={b.id}>
                  <Link to={`/penerima-manfaat/${b.id}`} className="card-link">
                    <strong>{b.nama}</strong>
                    <span className="muted">
                      {b.nik ?? b.nomorSementara ?? t('beneficiaries.masked')} · {t(`beneficiaries.sex.${b.jenisKelamin}`)} ·{' '}
                      {t(b.tanggalLahirPerkiraan ? 'beneficiaries.estimatedAge' : 'beneficiaries.age', { count: personAge(b) })}
                    </span>
                    {b.anak && <mark>{t('beneficiaries.child')}</mark>}
                    {!b.anak && b.sensitif && <mark>{t('beneficiaries.sensitive')}</mark>}
                  </Link>
                </li>
              ))}
            </ul>
            <Pager page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => setParams({ ...(q ? { q } : {}), hal: String(p) })} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}

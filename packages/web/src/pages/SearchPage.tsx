import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBeneficiaries, useCases, useMe } from '../api/queries.js';
import { CaseCards } from '../components/CaseCard.js';
import { personAge } from '../lib/format.js';

/** One box for everything a user may be holding: a NIK, a name (misspelt is fine) or a case number. */
export default function SearchPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [text, setText] = useState(q);
  const people = useBeneficiaries({ q, page: 1, pageSize: 10 }, { enabled: q !== '' });
  const seesCases = me.role !== 'admin';
  const cases = useCases({ q, page: 1, pageSize: 10 }, { enabled: q !== '' && seesCases });

  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {});
        }}
      >
        <label htmlFor="cari-global">{t('search.label')}</label>
        <fieldset role="group">
          <input id="cari-global" type="search" value={text} onChange={(e) => setText(e.target.value)} autoFocus autoComplete="off" />
          <button type="submit">{t('common.search')}</button>
        </fieldset>
      </form>
      {q && (
        <>
          <h2>{t('nav.penerimaManfaat')}</h2>
          {people.isPending ? (
            <p aria-busy="true">{t('common.loading')}</p>
          ) : people.data && people.data.items.length > 0 ? (
            <ul className="cards">
              {people.data.items.map((b) => (
                <li key={b.id}>
                  <Link to={`/penerima-manfaat/${b.id}`} className="card-link">
                    <strong>{b.nama}</strong>
                    <span className="muted">
                      {b.nik ?? t('beneficiaries.masked')} · {t('beneficiaries.age', { count: personAge(b) })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('search.noPeople')}</p>
          )}
          {seesCases && (
            <>
              <h2>{t('cases.titleArea')}</h2>
              {cases.isPending ? (
                <p aria-busy="true">{t('common.loading')}</p>
              ) : cases.data && cases.data.items.length > 0 ? (
                <CaseCards cases={cases.data.items} showPendamping />
              ) : (
                <p>{t('search.noCases')}</p>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

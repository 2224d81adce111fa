import type { DisasterRecord, TracingRecord } from '@tuntas/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAffected } from '../../api/disaster-queries.js';
import { useLinkTracingAffected } from '../../api/disaster-tracing-queries.js';
import { useDebounced } from '../../lib/use-debounced.js';

/**
 * A person found before they were registered: once registered at a shelter, their tracing record
 * is linked to that registration, found here by the server's search (name, NIK, temporary number).
 */
export function TracingLinkAffected({ event, record }: { event: DisasterRecord; record: TracingRecord }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(record.nama ?? '');
  const q = useDebounced(text.trim());
  const people = useAffected(event.id, { page: 1, pageSize: 10, q: q || undefined });
  const link = useLinkTracingAffected(event.id, record.id);
  return (
    <fieldset data-testid="tracing-link">
      <legend>{t('bencana.penelusuran.linkTitle')}</legend>
      <label htmlFor={id}>{t('bencana.penelusuran.linkSearch')}</label>
      <input id={id} type="search" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
      {q && people.data?.items.length === 0 && <p className="muted">{t('bencana.penelusuran.linkNone')}</p>}
      <ul className="plain-list candidates">
        {(q ? (people.data?.items ?? []) : []).map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="secondary outline"
              disabled={link.isPending}
              onClick={() => link.mutate({ affectedId: a.id, version: record.version })}
            >
              {t('bencana.penelusuran.linkTo', { nama: a.nama })} <small>{a.jenisKelamin}</small>
              {a.nik === null && a.nomorSementara && <small> · {a.nomorSementara}</small>}
            </button>
          </li>
        ))}
      </ul>
      {link.isError && (
        <p role="alert" className="error">
          {link.error.message}
        </p>
      )}
    </fieldset>
  );
}

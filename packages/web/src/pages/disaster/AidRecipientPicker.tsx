import type { AffectedRecord, DisasterRecord } from '@tuntas/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAffected, useShelters } from '../../api/disaster-queries.js';
import { useDebounced } from '../../lib/use-debounced.js';

/**
 * Who receives the aid: an affected person of the event, found by the server by name, NIK or
 * temporary number, within a shelter if one is chosen. Names arrive as the server shows them:
 * initials for a protected child, who is never found by a typed identity.
 */
export function AidRecipientPicker({
  event,
  value,
  onChange,
}: {
  event: DisasterRecord;
  value: AffectedRecord | null;
  onChange: (person: AffectedRecord | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [shelterId, setShelterId] = useState('');
  const [text, setText] = useState('');
  const shelters = useShelters(event.id);
  const q = useDebounced(text.trim());
  const people = useAffected(event.id, { page: 1, pageSize: 20, shelterId: shelterId || undefined, q: q || undefined });
  if (value) {
    return (
      <p data-testid="aid-recipient">
        {t('bencana.bantuan.chosen', { nama: value.nama })}{' '}
        <button type="button" className="secondary outline small" onClick={() => onChange(null)}>
          {t('bencana.bantuan.change')}
        </button>
      </p>
    );
  }
  const shown = people.data?.items ?? [];
  return (
    <fieldset>
      <legend>{t('bencana.bantuan.penerima')}</legend>
      <label>
        {t('bencana.bantuan.shelter')}
        <select value={shelterId} onChange={(e) => setShelterId(e.target.value)}>
          <option value="">{t('bencana.korban.allShelters')}</option>
          {(shelters.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.nama}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={id}>{t('bencana.bantuan.search')}</label>
      <input id={id} type="search" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
      {people.data && shown.length === 0 && <p className="muted">{t('bencana.bantuan.noRecipients')}</p>}
      <ul className="plain-list candidates">
        {shown.map((a) => (
          <li key={a.id}>
            <button type="button" className="secondary outline" onClick={() => onChange(a)}>
              {a.nama} <small>{a.jenisKelamin}</small>
              {a.nik === null && a.nomorSementara && <small> · {a.nomorSementara}</small>}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

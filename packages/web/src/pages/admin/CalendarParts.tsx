import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll.js';

/** Pieces both halves of the working calendar (holidays, special hours) show alike. */

/** A row's name, with the decree or circular it comes from beneath it. */
export function NamaSumber({ nama, sumber }: { nama: string; sumber: string | null }) {
  return (
    <>
      {nama}
      {sumber && (
        <div>
          <small>{sumber}</small>
        </div>
      )}
    </>
  );
}

/** The optional source (SKB, circular): empty is sent as null, as the server stores it. */
export function SourceField({ value, onChange }: { value: string | null; onChange: (sumber: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('referensi.kalender.source')}
      <input
        maxLength={300}
        placeholder={t('referensi.kalender.sourcePlaceholder')}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      />
    </label>
  );
}

/** The server's refusal in its own words (e.g. the 409 overlap), then save and cancel. */
export function FormEnd({
  submit,
  pending,
  error,
  onCancel,
}: {
  submit: string;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="grid">
        <button type="submit" aria-busy={pending} disabled={pending}>
          {submit}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}

/**
 * One half of the calendar as a titled table (its rows given), or a line saying there is none;
 * a refused removal under it. The last column holds a national admin's buttons.
 */
export function CalendarTable({
  id,
  title,
  empty,
  columns,
  canEdit,
  removeError,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  columns: string[];
  canEdit: boolean;
  removeError: Error | null;
  children: ReactNode;
}) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {empty !== null ? (
        <p className="empty">{empty}</p>
      ) : (
        <TableScroll>
          <table aria-label={title}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                {canEdit && <th />}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </TableScroll>
      )}
      {removeError && (
        <p role="alert" className="error">
          {removeError.message}
        </p>
      )}
    </>
  );
}

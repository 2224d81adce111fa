import { JENIS_HARI_LIBUR, type JenisHariLibur } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoveHoliday, useSetHoliday, type HariLiburInput, type HariLiburRecord } from '../../api/calendar-queries.js';
import { formatDate } from '../../lib/format.js';
import { CalendarTable, FormEnd, NamaSumber, SourceField } from './CalendarParts.js';

const blank = (): HariLiburInput => ({ tanggal: '', jenis: 'libur_nasional', nama: '', sumber: null });

/** The holidays and cuti bersama of one year; the national admin adds, changes (by date) and removes them. */
export function HolidaysPanel({ tahun, libur, canEdit }: { tahun: number; libur: HariLiburRecord[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSetHoliday();
  const remove = useRemoveHoliday();
  const [form, setForm] = useState<HariLiburInput | null>(null);
  // A holiday is keyed by its date (PUT /libur/{tanggal}): changing one keeps its date fixed.
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const open = (row: HariLiburRecord | null) => {
    save.reset();
    setDone(null);
    setEditing(row !== null);
    setForm(row ? { ...row } : blank());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    save.mutate(form, {
      onSuccess: () => {
        setForm(null);
        setDone(t('referensi.kalender.saved'));
      },
    });
  };
  const drop = (row: HariLiburRecord) => {
    if (!window.confirm(t('referensi.kalender.removeHolidayConfirm', { nama: row.nama, date: formatDate(row.tanggal) }))) return;
    setDone(null);
    remove.mutate(row.tanggal, { onSuccess: () => setDone(t('referensi.kalender.removed')) });
  };
  const formTitle =
    editing && form ? t('referensi.kalender.editHoliday', { date: formatDate(form.tanggal) }) : t('referensi.kalender.addHoliday');

  return (
    <section aria-labelledby="kalender-libur">
      <CalendarTable
        id="kalender-libur"
        title={t('referensi.kalender.holidays')}
        empty={libur.length === 0 ? t('referensi.kalender.noHolidays') : null}
        columns={[t('referensi.kalender.date'), t('referensi.kalender.kind'), t('referensi.kalender.name')]}
        canEdit={canEdit}
        removeError={remove.error}
      >
        {libur.map((h) => (
          <tr key={h.tanggal}>
            <td>{formatDate(h.tanggal)}</td>
            <td>{t(`referensi.kalender.jenis.${h.jenis}`)}</td>
            <td>
              <NamaSumber nama={h.nama} sumber={h.sumber} />
            </td>
            {canEdit && (
              <td className="row-buttons">
                <button className="secondary small" onClick={() => open(h)}>
                  {t('referensi.kalender.edit')}
                </button>{' '}
                <button className="secondary small" onClick={() => drop(h)} aria-busy={remove.isPending && remove.variables === h.tanggal}>
                  {t('referensi.kalender.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </CalendarTable>
      {done && <p role="status">{done}</p>}
      {canEdit && !form && (
        <button className="secondary" onClick={() => open(null)}>
          {t('referensi.kalender.addHoliday')}
        </button>
      )}
      {canEdit && form && (
        <form aria-label={formTitle} onSubmit={submit}>
          <h4>{formTitle}</h4>
          <div className="grid">
            <label>
              {t('referensi.kalender.date')}
              <input
                type="date"
                autoFocus={!editing}
                required
                readOnly={editing}
                min={`${tahun}-01-01`}
                max={`${tahun}-12-31`}
                value={form.tanggal}
                onChange={(e) => setForm({ ...form, tanggal: e.target.value })}
              />
            </label>
            <label>
              {t('referensi.kalender.kind')}
              <select value={form.jenis} onChange={(e) => setForm({ ...form, jenis: e.target.value as JenisHariLibur })}>
                {JENIS_HARI_LIBUR.map((j) => (
                  <option key={j} value={j}>
                    {t(`referensi.kalender.jenis.${j}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('referensi.kalender.name')}
            {/* The form opens under a long year's list: focus brings it into view. */}
            <input
              autoFocus={editing}
              required
              minLength={3}
              maxLength={120}
              value={form.nama}
              onChange={(e) => setForm({ ...form, nama: e.target.value })}
            />
          </label>
          <SourceField value={form.sumber} onChange={(sumber) => setForm({ ...form, sumber })} />
          <FormEnd
            submit={t('referensi.kalender.saveHoliday')}
            pending={save.isPending}
            error={save.error}
            onCancel={() => setForm(null)}
          />
        </form>
      )}
    </section>
  );
}

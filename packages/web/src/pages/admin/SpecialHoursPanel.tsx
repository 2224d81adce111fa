import { RAMADAN_HOURS } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddSpecialHours, useRemoveSpecialHours, type JamKhususInput, type JamKhususRecord } from '../../api/calendar-queries.js';
import { formatClock, formatDate } from '../../lib/format.js';
import { CalendarTable, FormEnd, NamaSumber, SourceField } from './CalendarParts.js';

/** `<input type="time">` speaks `HH:MM`; the server speaks minutes since local midnight. */
const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * Periods of special hours (Ramadan) touching the year. Added and removed, not edited: the server
 * refuses an overlapping period (409) and an impossible one (422) in its own words, shown here.
 */
export function SpecialHoursPanel({ tahun, jamKhusus, canEdit }: { tahun: number; jamKhusus: JamKhususRecord[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const add = useAddSpecialHours();
  const remove = useRemoveSpecialHours();
  const [form, setForm] = useState<JamKhususInput | null>(null);

  const open = () => {
    add.reset();
    // The Ramadan hours of the PANRB circular as the starting point; the dates change every year.
    setForm({ nama: t('referensi.kalender.specialNameDefault'), mulai: '', selesai: '', ...RAMADAN_HOURS, sumber: null });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form) add.mutate(form, { onSuccess: () => setForm(null) });
  };
  const drop = (k: JamKhususRecord) => {
    if (window.confirm(t('referensi.kalender.removeSpecialConfirm', { nama: k.nama }))) remove.mutate(k.id);
  };
  const time = (key: 'masuk' | 'pulang' | 'pulangJumat') =>
    form && (
      <label>
        {t(`referensi.kalender.${key}`)}
        <input
          type="time"
          required
          value={toTime(form[key])}
          onChange={(e) => {
            // A half-typed time reads as empty: keep the last whole one.
            if (e.target.value) setForm({ ...form, [key]: toMinutes(e.target.value) });
          }}
        />
      </label>
    );

  return (
    <section aria-labelledby="kalender-jam-khusus">
      <CalendarTable
        id="kalender-jam-khusus"
        title={t('referensi.kalender.specialHours')}
        empty={jamKhusus.length === 0 ? t('referensi.kalender.noSpecialHours') : null}
        columns={[t('referensi.kalender.name'), t('referensi.kalender.period'), t('referensi.kalender.hours')]}
        canEdit={canEdit}
        removeError={remove.error}
      >
        {jamKhusus.map((k) => (
          <tr key={k.id}>
            <td>
              <NamaSumber nama={k.nama} sumber={k.sumber} />
            </td>
            <td>{t('referensi.kalender.periodText', { mulai: formatDate(k.mulai), selesai: formatDate(k.selesai) })}</td>
            <td>
              {t('referensi.kalender.hoursText', {
                masuk: formatClock(k.masuk),
                pulang: formatClock(k.pulang),
                jumat: formatClock(k.pulangJumat),
              })}
            </td>
            {canEdit && (
              <td className="row-buttons">
                <button className="secondary small" onClick={() => drop(k)} aria-busy={remove.isPending && remove.variables === k.id}>
                  {t('referensi.kalender.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </CalendarTable>
      {canEdit && !form && (
        <button className="secondary" onClick={open}>
          {t('referensi.kalender.addSpecialHours')}
        </button>
      )}
      {canEdit && form && (
        <form aria-label={t('referensi.kalender.addSpecialHours')} onSubmit={submit}>
          <h4>{t('referensi.kalender.addSpecialHours')}</h4>
          <label>
            {t('referensi.kalender.specialName')}
            <input required minLength={3} maxLength={120} value={form.nama} onChange={(e) => setForm({ ...form, nama: e.target.value })} />
          </label>
          <div className="grid">
            <label>
              {t('referensi.kalender.start')}
              <input
                type="date"
                required
                min={`${tahun}-01-01`}
                max={`${tahun}-12-31`}
                value={form.mulai}
                onChange={(e) => setForm({ ...form, mulai: e.target.value })}
              />
            </label>
            <label>
              {t('referensi.kalender.end')}
              <input
                type="date"
                required
                min={form.mulai || `${tahun}-01-01`}
                value={form.selesai}
                onChange={(e) => setForm({ ...form, selesai: e.target.value })}
              />
            </label>
          </div>
          <div className="grid">
            {time('masuk')}
            {time('pulang')}
            {time('pulangJumat')}
          </div>
          <SourceField value={form.sumber} onChange={(sumber) => setForm({ ...form, sumber })} />
          <FormEnd
            submit={t('referensi.kalender.saveSpecialHours')}
            pending={add.isPending}
            error={add.error}
            onCancel={() => setForm(null)}
          />
        </form>
      )}
    </section>
  );
}

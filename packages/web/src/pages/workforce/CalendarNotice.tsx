import { holidayOn, isoWeekday, isWorkingDay } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useCalendarYear } from '../../api/calendar-queries.js';
import { formatClock } from '../../lib/format.js';

/**
 * Above the check-in: today's holiday or cuti bersama, or the special hours (Ramadan) that
 * hold today, so the pendamping knows before tapping whether TL/PSW can apply. `today` is the
 * worker's local date; the calendar comes from the kept query cache when there is no signal.
 * Says nothing while the calendar is unknown: the server still judges TL/PSW by its own.
 */
export function CalendarNotice({ today }: { today: string }) {
  const { t } = useTranslation();
  const calendar = useCalendarYear(Number(today.slice(0, 4))).data;
  if (!calendar) return null;
  const holiday = holidayOn(today, calendar);
  if (holiday)
    return (
      <div className="notice" role="status" data-testid="calendar-notice">
        <strong>{t(`kerja.presensi.${holiday.jenis}`, { nama: holiday.nama })}</strong>
        <br />
        <small>{t('kerja.presensi.holidayNote')}</small>
      </div>
    );
  const special = calendar.jamKhusus.find((k) => k.mulai <= today && today <= k.selesai);
  if (!special || !isWorkingDay(today, calendar)) return null;
  const pulang = isoWeekday(today) === 5 ? special.pulangJumat : special.pulang;
  return (
    <div className="notice" role="status" data-testid="calendar-notice">
      {t('kerja.presensi.specialHours', { nama: special.nama, masuk: formatClock(special.masuk), pulang: formatClock(pulang) })}
    </div>
  );
}

import type { ActivityRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { ActivityDay } from './ActivityDay.js';

/**
 * One pendamping's waiting days, folded to a line (name, days, entries, hours) so forty people fit
 * a screen; opened, each day is approved or an entry returned. A folded person's days are not
 * rendered at all: two hundred entries drawn hidden cost the koordinator's phone half a second.
 */
export function PendampingDays({ days, onApproved }: { days: ActivityRecord[][]; onApproved: (count: number) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const first = days[0]![0]!;
  const entries = days.reduce((n, d) => n + d.length, 0);
  const minutes = days.reduce((n, d) => n + d.reduce((s, e) => s + e.durasiMenit, 0), 0);
  return (
    <details className="approval-person" data-user={first.userId} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>{first.nama ?? first.username}</strong> · {t('kerja.persetujuan.days', { count: days.length })} ·{' '}
        {t('kerja.persetujuan.entries', { count: entries })} ·{' '}
        {t('kerja.persetujuan.dayHours', { hours: formatNumber(Math.round((minutes / 60) * 10) / 10) })}
      </summary>
      {open && days.map((day) => <ActivityDay key={day[0]!.tanggal} entries={day} onApproved={onApproved} />)}
    </details>
  );
}

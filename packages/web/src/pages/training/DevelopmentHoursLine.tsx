import { useTranslation } from 'react-i18next';
import { useDevelopmentHours } from '../../api/training-queries.js';

/** One person's JP of completed training in a year against the yearly target, for Kinerja. */
export function DevelopmentHoursLine({ userId, year }: { userId: string; year: number }) {
  const { t } = useTranslation();
  const hours = useDevelopmentHours(year);
  const row = hours.data?.items.find((i) => i.userId === userId);
  if (!hours.data || !row) return null;
  return (
    <p data-testid="jp-pengembangan">
      <strong>{t('pelatihan.hours', { year })}:</strong> {t('pelatihan.hoursOf', { jp: row.jp, target: hours.data.target })}{' '}
      {row.tercapai ? <mark>{t('pelatihan.hoursReached')}</mark> : null}
      <br />
      <small className="muted">{hours.data.dasar}</small>
    </p>
  );
}

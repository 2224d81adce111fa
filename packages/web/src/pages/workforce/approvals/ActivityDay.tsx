import type { ActivityRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApproveActivities, useReturnActivity } from '../../../api/workforce-queries.js';
import { ActivityPhotos } from '../../../components/PhotoEvidence.js';
import { formatDate, formatNumber } from '../../../lib/format.js';

/** A day's worked hours past which the koordinator should look twice before approving. */
const LONG_DAY_MINUTES = 10 * 60;

function ReturnEntry({ entry }: { entry: ActivityRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [komentar, setKomentar] = useState('');
  const send = useReturnActivity(entry.id);
  if (!open)
    return (
      <button type="button" className="secondary outline" onClick={() => setOpen(true)}>
        {t('kerja.persetujuan.returnOne')}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate(komentar.trim());
      }}
    >
      <label>
        {t('kerja.persetujuan.returnComment')}
        <input required maxLength={1000} value={komentar} onChange={(e) => setKomentar(e.target.value)} autoFocus />
      </label>
      <button type="submit" aria-busy={send.isPending} disabled={send.isPending || !komentar.trim()}>
        {t('kerja.persetujuan.returnOne')}
      </button>
      {send.isError && (
        <p role="alert" className="error">
          {send.error.message}
        </p>
      )}
    </form>
  );
}

/**
 * One pendamping's submitted day: what was done, for how long, with the evidence a tap away; the
 * whole day approved with one button, any entry returned with a comment.
 */
export function ActivityDay({ entries, onApproved }: { entries: ActivityRecord[]; onApproved: (count: number) => void }) {
  const { t } = useTranslation();
  const approve = useApproveActivities();
  const first = entries[0]!;
  const who = first.nama ?? first.username;
  const minutes = entries.reduce((s, e) => s + e.durasiMenit, 0);
  const hours = formatNumber(Math.round((minutes / 60) * 10) / 10);
  return (
    <article className="approval-day" aria-label={`${who} · ${formatDate(first.tanggal)}`}>
      <header>
        <strong>{who}</strong> · {formatDate(first.tanggal)} · {t('kerja.persetujuan.dayHours', { hours })} ·{' '}
        {t('kerja.persetujuan.entries', { count: entries.length })}
        {minutes > LONG_DAY_MINUTES && <p className="warning">{t('kerja.persetujuan.longDay')}</p>}
      </header>
      <ul className="plain-list">
        {entries.map((e) => (
          <li key={e.id}>
            <strong>{t(`kerja.jenis.${e.jenis}`)}</strong> · {formatNumber(e.durasiMenit)}′
            {e.caseIds.length > 0 && ` · ${t('kerja.kegiatan.cases', { count: e.caseIds.length })}`}
            {e.uraian && (
              <>
                <br />
                <small>{e.uraian}</small>
              </>
            )}
            {e.jumlahFoto > 0 && (
              <details>
                <summary>{t('kerja.persetujuan.photos', { count: e.jumlahFoto })}</summary>
                <ActivityPhotos activityId={e.id} count={e.jumlahFoto} editable={false} />
              </details>
            )}
            <ReturnEntry entry={e} />
          </li>
        ))}
      </ul>
      <button
        type="button"
        aria-busy={approve.isPending}
        disabled={approve.isPending}
        onClick={() =>
          approve.mutate(
            entries.map((e) => e.id),
            { onSuccess: (d) => onApproved(d.items.length) },
          )
        }
      >
        {t('kerja.persetujuan.approveDay', { count: entries.length })}
      </button>
      {approve.isError && (
        <p role="alert" className="error">
          {approve.error.message}
        </p>
      )}
    </article>
  );
}

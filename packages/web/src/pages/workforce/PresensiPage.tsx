import type { AttendanceRecord } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { queueWrite, useOutbox } from '../../api/outbox.js';
import { useMe } from '../../api/queries.js';
import { SyncMark } from '../../components/SyncMark.js';
import { currentPosition, queueAbsence, useAttendance, useAttendanceToday } from '../../api/workforce-queries.js';
import { SelfieButton } from '../../components/PhotoEvidence.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate, formatTime, kmText, workerToday } from '../../lib/format.js';
import { CalendarNotice } from './CalendarNotice.js';

function Flags({ r }: { r: AttendanceRecord }) {
  const { t } = useTranslation();
  return (
    <>
      {r.terlambat && <mark>{t('kerja.presensi.late')}</mark>} {r.pulangCepat && <mark>{t('kerja.presensi.early')}</mark>}
      {r.persetujuan && <small> · {t(`kerja.persetujuanStatus.${r.persetujuan}`)}</small>}
    </>
  );
}

/** One big button on the phone: check in, then check out; the position comes from the browser. */
export default function PresensiPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const queryClient = useQueryClient();
  const today = useAttendanceToday();
  const history = useAttendance({ userId: me.id, pageSize: 10 });
  const [dinasLuar, setDinasLuar] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['attendance'] });

  const mark = useMutation({
    mutationFn: async (kind: 'check-in' | 'check-out') => {
      let position;
      try {
        position = await currentPosition();
      } catch {
        throw new ApiError(0, 'LOCATION', t('kerja.presensi.locationNeeded'));
      }
      // The phone's time of the tap travels with the body: a check-out sent at reconnection keeps it.
      const acted = { ...position, waktuPerangkat: new Date().toISOString() };
      const body = kind === 'check-in' ? { ...acted, status: dinasLuar ? 'dinas_luar' : 'hadir' } : acted;
      // Through the outbox: the entry keeps the device's time of the tap and this GPS fix.
      return queueWrite<AttendanceRecord>({
        kind,
        path: `/attendance/${kind}`,
        body,
        ref: { tanggal: today.data?.tanggal ?? workerToday(me.wilayah) },
      });
    },
    onSuccess: refresh,
  });

  const waiting = useOutbox();
  const pendingIn = waiting.find((e) => e.kind === 'check-in');
  const pendingOut = waiting.find((e) => e.kind === 'check-out');
  const pendingAbsences = waiting.filter((e) => e.kind === 'absence');

  const [absence, setAbsence] = useState({ tanggal: '', status: 'izin', catatan: '' });
  // Through the outbox: an absence asked for without a signal is kept and shown as waiting.
  const ask = useMutation({
    mutationFn: () => queueAbsence(absence),
    onSuccess: (outcome) => {
      setMessage(outcome.queued ? t('luring.queued') : t('kerja.presensi.absenceSent'));
      setAbsence({ tanggal: '', status: 'izin', catatan: '' });
      refresh();
    },
  });

  return (
    <section>
      <h1>{t('kerja.presensi.title')}</h1>
      <CalendarNotice today={workerToday(me.wilayah)} />
      <QueryStatus query={today} isEmpty={() => false} empty={null}>
        {({ tanggal, presensi: r }) => (
          <article className="presensi-card">
            <p>{t('kerja.presensi.today', { date: formatDate(tanggal) })}</p>
            {r?.masukAt && (
              <p>
                <strong>{t('kerja.presensi.masuk', { time: formatTime(r.masukAt, r.wilayah) })}</strong> · {t(`kerja.status.${r.status}`)}{' '}
                <Flags r={r} />
                {r.pulangAt && (
                  <>
                    <br />
                    <strong>{t('kerja.presensi.pulang', { time: formatTime(r.pulangAt, r.wilayah) })}</strong>
                  </>
                )}
              </p>
            )}
            {r?.kejadian && <p data-testid="deployment-day">{t('kerja.presensi.deployment', { nama: r.kejadian.nama })}</p>}
            {r?.jauh && <p className="warning">{t('kerja.presensi.far', { km: kmText(r.masuk?.jarakKm ?? r.pulang?.jarakKm ?? null) })}</p>}
            {r && !r.masukAt && (
              <p>
                {t(`kerja.status.${r.status}`)} <Flags r={r} />
              </p>
            )}
            {pendingIn && (
              <p data-testid="pending-check-in">
                <strong>{t('kerja.presensi.masuk', { time: formatTime(pendingIn.actedAt, me.wilayah) })}</strong>{' '}
                <SyncMark entry={pendingIn} />
              </p>
            )}
            {pendingOut && (
              <p data-testid="pending-check-out">
                <strong>{t('kerja.presensi.pulang', { time: formatTime(pendingOut.actedAt, me.wilayah) })}</strong>{' '}
                <SyncMark entry={pendingOut} />
              </p>
            )}
            {!r && !pendingIn && (
              <>
                <p>{t('kerja.presensi.notYet')}</p>
                <label>
                  <input type="checkbox" role="switch" checked={dinasLuar} onChange={(e) => setDinasLuar(e.target.checked)} />
                  {t('kerja.presensi.dinasLuar')}
                </label>
                <button className="big-button" aria-busy={mark.isPending} disabled={mark.isPending} onClick={() => mark.mutate('check-in')}>
                  {mark.isPending ? t('kerja.presensi.locating') : t('kerja.presensi.checkIn')}
                </button>
              </>
            )}
            {r?.masukAt && <SelfieButton />}
            {(r?.masukAt ?? pendingIn) && !r?.pulangAt && !pendingOut && (
              <button
                className="big-button secondary"
                aria-busy={mark.isPending}
                disabled={mark.isPending}
                onClick={() => mark.mutate('check-out')}
              >
                {mark.isPending ? t('kerja.presensi.locating') : t('kerja.presensi.checkOut')}
              </button>
            )}
            {r?.pulangAt && <p>{t('kerja.presensi.done')}</p>}
            {mark.isError && (
              <p role="alert" className="error">
                {mark.error.message}
              </p>
            )}
          </article>
        )}
      </QueryStatus>
      <p>
        <Link to={`/kinerja/${me.id}`}>{t('kerja.presensi.kinerja')}</Link>
      </p>

      <details>
        <summary>{t('kerja.presensi.absenceTitle')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate();
          }}
        >
          <div className="grid">
            <label>
              {t('kerja.presensi.absenceDate')}
              <input type="date" required value={absence.tanggal} onChange={(e) => setAbsence({ ...absence, tanggal: e.target.value })} />
            </label>
            <label>
              {t('kerja.presensi.absenceKind')}
              <select value={absence.status} onChange={(e) => setAbsence({ ...absence, status: e.target.value })}>
                {(['izin', 'sakit', 'cuti'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`kerja.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('kerja.presensi.absenceNote')}
            <input required maxLength={500} value={absence.catatan} onChange={(e) => setAbsence({ ...absence, catatan: e.target.value })} />
          </label>
          <button type="submit" aria-busy={ask.isPending} disabled={ask.isPending}>
            {t('kerja.presensi.absenceSubmit')}
          </button>
          {ask.isError && (
            <p role="alert" className="error">
              {ask.error.message}
            </p>
          )}
          {message && <p role="status">{message}</p>}
        </form>
      </details>
      {/* Outside the folded form: waiting requests stay in sight after a reload. */}
      {pendingAbsences.length > 0 && (
        <ul className="plain-list pending">
          {pendingAbsences.map((e) => (
            <li key={e.seq} data-testid="pending-absence">
              <strong>{formatDate(String(e.body['tanggal']))}</strong> · {t(`kerja.status.${String(e.body['status']) as 'izin'}`)}{' '}
              <SyncMark entry={e} />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('kerja.presensi.history')}</h2>
      <QueryStatus query={history} isEmpty={(d) => d.items.length === 0} empty={<p>{t('kerja.presensi.noHistory')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.items.map((r) => (
              <li key={r.id}>
                <strong>{formatDate(r.tanggal)}</strong> · {t(`kerja.status.${r.status}`)}
                {r.kejadian && ` · ${r.kejadian.nama}`}
                {r.masukAt && ` · ${formatTime(r.masukAt, r.wilayah)}`}
                {r.pulangAt && ` – ${formatTime(r.pulangAt, r.wilayah)}`} <Flags r={r} />
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}

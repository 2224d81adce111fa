import type { ActivityRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTasks } from '../../api/casework-queries.js';
import { useActivities, useApproveActivities, useAttendance, useJudgeAbsence } from '../../api/workforce-queries.js';
import { Loading } from '../../components/Loading.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { useStillArriving } from '../../lib/arriving.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { TransferDecision } from '../cases/work/TransferPanel.js';
import { PendampingDays } from './approvals/PendampingDays.js';

const PAGE = 200;

/** Submitted entries per pendamping (by name), each as days (oldest first). */
function byPendamping(entries: ActivityRecord[]): ActivityRecord[][][] {
  const people = new Map<string, Map<string, ActivityRecord[]>>();
  for (const e of entries) {
    const days = people.get(e.userId) ?? new Map<string, ActivityRecord[]>();
    days.set(e.tanggal, [...(days.get(e.tanggal) ?? []), e]);
    people.set(e.userId, days);
  }
  const name = (e: ActivityRecord) => e.nama ?? e.username;
  return [...people.values()]
    .map((days) => [...days.values()].sort((a, b) => a[0]!.tanggal.localeCompare(b[0]!.tanggal)))
    .sort((a, b) => name(a[0]![0]!).localeCompare(name(b[0]![0]!)));
}

/** Approving everything at once asks first, naming how much it is. */
function ApproveAll({ entries, people, onApproved }: { entries: ActivityRecord[]; people: number; onApproved: (count: number) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const approve = useApproveActivities();
  if (!asking)
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        {t('kerja.persetujuan.approveAll', { count: entries.length })}
      </button>
    );
  return (
    <div role="alertdialog" aria-label={t('kerja.persetujuan.confirmTitle')} className="notice">
      <p>{t('kerja.persetujuan.confirmAll', { count: entries.length, people })}</p>
      <div className="actions">
        <button
          type="button"
          aria-busy={approve.isPending}
          disabled={approve.isPending}
          onClick={() =>
            approve.mutate(
              entries.map((e) => e.id),
              { onSuccess: (d) => (setAsking(false), onApproved(d.items.length)) },
            )
          }
        >
          {t('kerja.persetujuan.confirmYes')}
        </button>
        <button type="button" className="secondary outline" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {approve.isError && (
        <p role="alert" className="error">
          {approve.error.message}
        </p>
      )}
    </div>
  );
}

/**
 * One inbox for what a koordinator decides: the day reports (per pendamping and day, with the
 * hours), absence requests, intervention plans and case transfers, each counted at the top.
 */
export default function PersetujuanPage() {
  const { t } = useTranslation();
  const inbox = useActivities({ status: 'diajukan', pageSize: PAGE });
  const absences = useAttendance({ persetujuan: 'menunggu', pageSize: 100 });
  const tasks = useTasks();
  const judge = useJudgeAbsence();
  const [approved, setApproved] = useState<number | null>(null);
  const arriving = useStillArriving(inbox, absences, tasks);
  const reviewable = inbox.data?.items.filter((e) => e.tindakan.tinjau) ?? [];
  const groups = byPendamping(reviewable);
  const days = groups.reduce((n, g) => n + g.length, 0);
  const people = groups.length;
  const plans = tasks.data?.rencanaMenunggu ?? [];
  const transfers = tasks.data?.pengalihanMenunggu ?? [];
  const counts = [
    { id: 'kegiatan', label: t('kerja.persetujuan.activities'), n: inbox.data?.total ?? 0 },
    { id: 'izin', label: t('kerja.persetujuan.absences'), n: absences.data?.total ?? 0 },
    { id: 'rencana', label: t('kasus.tugas.waitingPlans'), n: plans.length },
    { id: 'pengalihan', label: t('kasus.tugas.transfers'), n: transfers.length },
  ];

  // The sections wait for each other and appear at once, not pushed down one by one (layout shift, issue 21).
  if (arriving)
    return (
      <section>
        <h1>{t('kerja.persetujuan.title')}</h1>
        <Loading />
      </section>
    );

  return (
    <section>
      <h1>{t('kerja.persetujuan.title')}</h1>
      <nav aria-label={t('kerja.persetujuan.summary')}>
        <ul className="chips">
          {counts.map((c) => (
            <li key={c.id}>
              <a href={`#${c.id}`}>
                {c.label}: <strong>{formatNumber(c.n)}</strong>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="kegiatan">{t('kerja.persetujuan.activities')}</h2>
      {approved !== null && <p role="status">{t('kerja.persetujuan.approved', { count: approved })}</p>}
      <QueryStatus query={inbox} isEmpty={() => reviewable.length === 0} empty={<p>{t('kerja.persetujuan.noActivities')}</p>}>
        {(d) => (
          <>
            <p>
              {t('kerja.persetujuan.daysSummary', {
                entries: formatNumber(reviewable.length),
                days: formatNumber(days),
                people: formatNumber(people),
              })}
              {d.total > d.items.length && (
                <> {t('kerja.persetujuan.firstOnly', { shown: formatNumber(d.items.length), total: formatNumber(d.total) })}</>
              )}
            </p>
            {days > 1 && <ApproveAll entries={reviewable} people={people} onApproved={setApproved} />}
            {groups.map((g) => (
              <PendampingDays key={g[0]![0]!.userId} days={g} onApproved={setApproved} />
            ))}
          </>
        )}
      </QueryStatus>

      <h2 id="izin">{t('kerja.persetujuan.absences')}</h2>
      <QueryStatus query={absences} isEmpty={(d) => d.items.length === 0} empty={<p>{t('kerja.persetujuan.noAbsences')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.items.map((r) => (
              <li key={r.id}>
                <strong>{r.nama ?? r.username}</strong> · {formatDate(r.tanggal)} · {t(`kerja.status.${r.status}`)} · {r.catatan}
                <div className="actions">
                  <button disabled={judge.isPending} onClick={() => judge.mutate({ id: r.id, action: 'approve' })}>
                    {t('kerja.persetujuan.approve')}
                  </button>
                  <button
                    className="secondary outline"
                    disabled={judge.isPending}
                    onClick={() => judge.mutate({ id: r.id, action: 'reject' })}
                  >
                    {t('kerja.persetujuan.reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {judge.isError && (
        <p role="alert" className="error">
          {judge.error.message}
        </p>
      )}

      {/* Plans are judged on the case page, where the whole working file is in view. */}
      <h2 id="rencana">{t('kasus.tugas.waitingPlans')}</h2>
      <QueryStatus query={tasks} isEmpty={(d) => d.rencanaMenunggu.length === 0} empty={<p>{t('kasus.common.none')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.rencanaMenunggu.map((p) => (
              <li key={p.caseId}>
                <Link to={`/kasus/${p.caseId}`}>{p.nomor}</Link> · {p.beneficiaryNama} ·{' '}
                <span className="muted">
                  {p.pendampingNama} · {formatDate(p.diajukanPada.slice(0, 10))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>

      <h2 id="pengalihan">{t('kasus.tugas.transfers')}</h2>
      <QueryStatus query={tasks} isEmpty={(d) => d.pengalihanMenunggu.length === 0} empty={<p>{t('kasus.common.none')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.pengalihanMenunggu.map((x) => (
              <li key={x.id}>
                {t('kasus.pengalihan.line', { nomor: x.nomor, from: x.dariPendamping ?? '—', to: x.kePendamping })} —{' '}
                <span className="muted">{x.alasan}</span>
                <TransferDecision caseId={x.caseId} transfer={x} withdraw={false} />
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}

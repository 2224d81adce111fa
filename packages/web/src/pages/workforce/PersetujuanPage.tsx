import type { ActivityRecord, AttendanceRecord } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useActivities, useAttendance } from '../../api/workforce-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { useTasks } from '../../api/casework-queries.js';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../lib/format.js';

function ReturnButton({ entry, onDone }: { entry: ActivityRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [komentar, setKomentar] = useState('');
  const send = useMutation({
    mutationFn: () => api<ActivityRecord>(`/activities/${entry.id}/return`, { method: 'POST', json: { komentar } }),
    onSuccess: onDone,
  });
  if (!open)
    return (
      <button className="secondary outline" onClick={() => setOpen(true)}>
        {t('kerja.persetujuan.returnOne')}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label>
        {t('kerja.persetujuan.returnComment')}
        <input required maxLength={1000} value={komentar} onChange={(e) => setKomentar(e.target.value)} />
      </label>
      <button type="submit" aria-busy={send.isPending} disabled={send.isPending || !komentar.trim()}>
        {t('kerja.persetujuan.returnOne')}
      </button>
      {send.isError && <p className="error">{send.error.message}</p>}
    </form>
  );
}

/** The koordinator's Monday: forty reports approved in one go, the odd one returned with a comment. */
export default function PersetujuanPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inbox = useActivities({ status: 'diajukan', pageSize: 200 });
  const absences = useAttendance({ persetujuan: 'menunggu', pageSize: 100 });
  // Intervention plans are judged on the case page, where the whole file is in view.
  const tasks = useTasks();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const refresh = () => {
    setSelected(new Set());
    void queryClient.invalidateQueries({ queryKey: ['activities'] });
    void queryClient.invalidateQueries({ queryKey: ['attendance'] });
  };
  const approve = useMutation({
    mutationFn: (ids: string[]) => api<{ items: ActivityRecord[] }>('/activities/review', { method: 'POST', json: { ids, keputusan: 'disetujui' } }),
    onSuccess: refresh,
  });
  const judge = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' }) => api<AttendanceRecord>(`/attendance/${id}/${action}`, { method: 'POST', json: {} }),
    onSuccess: refresh,
  });
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const reviewable = inbox.data?.items.filter((e) => e.tindakan.tinjau) ?? [];

  return (
    <section>
      <h1>{t('kerja.persetujuan.title')}</h1>
      <h2>{t('kerja.persetujuan.activities')}</h2>
      <QueryStatus query={inbox} isEmpty={() => reviewable.length === 0} empty={<p>{t('kerja.persetujuan.noActivities')}</p>}>
        {() => (
          <>
            <div className="actions">
              <label>
                <input type="checkbox" checked={selected.size === reviewable.length} onChange={(e) => setSelected(new Set(e.target.checked ? reviewable.map((r) => r.id) : []))} />
                {t('kerja.persetujuan.selectAll')}
              </label>
              <button aria-busy={approve.isPending} disabled={selected.size === 0 || approve.isPending} onClick={() => approve.mutate([...selected])}>
                {t('kerja.persetujuan.approveSelected', { count: selected.size })}
              </button>
            </div>
            {approve.isSuccess && <p role="status">{t('kerja.persetujuan.approved', { count: approve.data.items.length })}</p>}
            {approve.isError && <p className="error">{approve.error.message}</p>}
            <div className="table-scroll">
              <table>
                <tbody>
                  {reviewable.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <input type="checkbox" aria-label={`${e.nama ?? e.username} ${t(`kerja.jenis.${e.jenis}`)}`} checked={selected.has(e.id)} onChange={() => toggle(e.id)} />
                      </td>
                      <td>
                        <strong>{e.nama ?? e.username}</strong>
                        <br />
                        <small>{formatDate(e.tanggal)}</small>
                      </td>
                      <td>
                        {t(`kerja.jenis.${e.jenis}`)} · {formatNumber(e.durasiMenit)}′{e.caseIds.length > 0 && ` · ${t('kerja.kegiatan.cases', { count: e.caseIds.length })}`}
                        {e.jumlahFoto > 0 && ` · 📷 ${e.jumlahFoto}`}
                        {e.uraian && (
                          <>
                            <br />
                            <small>{e.uraian}</small>
                          </>
                        )}
                      </td>
                      <td>
                        <ReturnButton entry={e} onDone={refresh} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryStatus>

      <h2>{t('kerja.persetujuan.absences')}</h2>
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
                  <button className="secondary outline" disabled={judge.isPending} onClick={() => judge.mutate({ id: r.id, action: 'reject' })}>
                    {t('kerja.persetujuan.reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {judge.isError && <p className="error">{judge.error.message}</p>}

      <h2>{t('kasus.tugas.waitingPlans')}</h2>
      <QueryStatus query={tasks} isEmpty={(d) => d.rencanaMenunggu.length === 0} empty={<p>{t('kasus.common.none')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.rencanaMenunggu.map((p) => (
              <li key={p.caseId}>
                <Link to={`/kasus/${p.caseId}`}>{p.nomor}</Link> · {p.beneficiaryNama} · <span className="muted">{p.pendampingNama} · {formatDate(p.diajukanPada.slice(0, 10))}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}

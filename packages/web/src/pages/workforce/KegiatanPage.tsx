import { ACTIVITY_TYPES, type ActivityRecord, type ActivityType } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { queueWrite, useOutbox } from '../../api/outbox.js';
import { SyncMark } from '../../components/SyncMark.js';
import { useMe } from '../../api/queries.js';
import { useActivities, useAttendanceToday } from '../../api/workforce-queries.js';
import { ActivityPhotos } from '../../components/PhotoEvidence.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, workerToday } from '../../lib/format.js';

interface ActivityForm {
  jenis: ActivityType;
  durasiMenit: number;
  uraian: string;
}

/** Type, minutes and description: the same three fields when adding and when correcting an entry. */
function ActivityFields({ form, onChange }: { form: ActivityForm; onChange: (next: ActivityForm) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="grid">
        <label>
          {t('kerja.kegiatan.type')}
          <select value={form.jenis} onChange={(e) => onChange({ ...form, jenis: e.target.value as ActivityType })}>
            {ACTIVITY_TYPES.map((j) => (
              <option key={j} value={j}>
                {t(`kerja.jenis.${j}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kerja.kegiatan.minutes')}
          <input
            type="number"
            min={1}
            max={720}
            required
            value={form.durasiMenit}
            onChange={(e) => onChange({ ...form, durasiMenit: Number(e.target.value) })}
          />
        </label>
      </div>
      <label>
        {t('kerja.kegiatan.description')}
        <textarea rows={2} maxLength={2000} value={form.uraian} onChange={(e) => onChange({ ...form, uraian: e.target.value })} />
      </label>
    </>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['activities'] });
}

function formOf(entry: ActivityRecord): ActivityForm {
  return { durasiMenit: entry.durasiMenit, uraian: entry.uraian ?? '', jenis: entry.jenis };
}

/** The fields the user changed from what they started editing. */
function editedFields(form: ActivityForm, base: ActivityForm): Partial<ActivityForm> {
  return Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== base[k as keyof ActivityForm])) as Partial<ActivityForm>;
}

/**
 * One entry: editable while it is a draft or returned; an automatic draft says where it came from.
 * The server may grow an automatic draft while it is being edited (more case work that day): the
 * untouched fields follow the server, what the user typed stays, and only that is sent.
 */
function Entry({ entry }: { entry: ActivityRecord }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [base, setBase] = useState(entry);
  const [form, setForm] = useState<ActivityForm>(formOf(entry));
  if (base.version !== entry.version) {
    setBase(entry);
    setForm({ ...formOf(entry), ...editedFields(form, formOf(base)) });
  }
  const edited = editedFields(form, formOf(entry));
  const dirty = Object.keys(edited).length > 0;
  const save = useMutation({
    mutationFn: () =>
      queueWrite({
        kind: 'activityEdit',
        method: 'PATCH',
        path: `/activities/${entry.id}`,
        body: { version: entry.version, ...edited, ...('uraian' in edited ? { uraian: edited.uraian || null } : {}) },
        baseVersion: entry.version,
        ref: { activityId: entry.id, tanggal: entry.tanggal },
      }),
    onSuccess: invalidate,
  });
  const pendingEdit = useOutbox().find((e) => e.kind === 'activityEdit' && e.ref.activityId === entry.id);
  const remove = useMutation({ mutationFn: () => api<void>(`/activities/${entry.id}`, { method: 'DELETE' }), onSuccess: invalidate });
  return (
    <article data-testid="activity">
      <header>
        <strong>{t(`kerja.jenis.${entry.jenis}`)}</strong> · {t(`kerja.activityStatus.${entry.status}`)}
        {entry.caseIds.length > 0 && <> · {t('kerja.kegiatan.cases', { count: entry.caseIds.length })}</>}
        {entry.kejadian && <> · {t('kerja.kegiatan.event', { nama: entry.kejadian.nama })}</>}
        {pendingEdit && (
          <>
            {' '}
            <SyncMark entry={pendingEdit} />
          </>
        )}
        {entry.sumber === 'otomatis' && entry.status === 'draf' && <p className="muted">{t('kerja.kegiatan.auto')}</p>}
        {entry.kasus && entry.kasus.length > 0 && (
          <ul className="activity-cases" aria-label={t('kerja.kegiatan.forWhom')}>
            {entry.kasus.map((k) => (
              <li key={k.id}>
                <Link to={`/kasus/${k.id}`}>{t('kerja.kegiatan.caseLabel', { nama: k.nama, nomor: k.nomor })}</Link>
              </li>
            ))}
          </ul>
        )}
        {entry.status === 'dikembalikan' && entry.komentar && (
          <p className="warning">{t('kerja.kegiatan.returned', { comment: entry.komentar })}</p>
        )}
      </header>
      <ActivityPhotos activityId={entry.id} count={entry.jumlahFoto} editable={entry.tindakan.ubah} />
      {entry.tindakan.ubah ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <ActivityFields form={form} onChange={setForm} />
          <div className="actions">
            {dirty && (
              <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
                {t('common.save')}
              </button>
            )}
            {entry.status === 'draf' && (
              <button type="button" className="secondary outline" disabled={remove.isPending} onClick={() => remove.mutate()}>
                {t('kerja.kegiatan.remove')}
              </button>
            )}
          </div>
          {(save.isError || remove.isError) && (
            <p role="alert" className="error">
              {(save.error ?? remove.error)!.message}
            </p>
          )}
        </form>
      ) : (
        <p>
          {formatNumber(entry.durasiMenit)} {t('kerja.kegiatan.minutes').toLowerCase()} {entry.uraian && `· ${entry.uraian}`}
        </p>
      )}
    </article>
  );
}

/**
 * `kejadian`: the disaster event today's presensi was dinas luar for (a deployment); an entry of
 * that day may name it, and does unless the worker unticks it (issue 18).
 */
function NewEntry({ tanggal, kejadian }: { tanggal: string; kejadian: { id: string; nama: string } | null }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [form, setForm] = useState<ActivityForm>({ jenis: 'kunjungan_rumah', durasiMenit: 60, uraian: '' });
  const [linked, setLinked] = useState(true);
  const kejadianId = kejadian && linked ? kejadian.id : null;
  const add = useMutation({
    // Its own id: a photo taken of it before it is sent names it, and waits for it.
    mutationFn: (id: string) =>
      queueWrite<ActivityRecord>({
        kind: 'activity',
        path: '/activities',
        id,
        body: { id, tanggal, ...form, uraian: form.uraian || null, ...(kejadianId ? { kejadianId } : {}) },
        ref: { tanggal, activityId: id },
      }),
    onSuccess: () => {
      setForm({ ...form, uraian: '' });
      invalidate();
    },
  });
  return (
    <details>
      <summary>{t('kerja.kegiatan.add')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(crypto.randomUUID());
        }}
      >
        <ActivityFields form={form} onChange={setForm} />
        {kejadian && (
          <label>
            <input type="checkbox" checked={linked} onChange={(e) => setLinked(e.target.checked)} />
            {t('kerja.kegiatan.forEvent', { nama: kejadian.nama })}
          </label>
        )}
        <button type="submit" aria-busy={add.isPending} disabled={add.isPending}>
          {t('kerja.kegiatan.addSubmit')}
        </button>
        {add.isError && (
          <p role="alert" className="error">
            {add.error.message}
          </p>
        )}
      </form>
    </details>
  );
}

/** Today's report, already drafted from the case work; the pendamping checks it and submits once. */
export default function KegiatanPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const todayQuery = useAttendanceToday();
  // Without a signal and never fetched: today in the worker's own zone, by the device clock.
  const today = todayQuery.data?.tanggal ?? (todayQuery.fetchStatus === 'paused' ? workerToday(me.wilayah) : undefined);
  const [picked, setPicked] = useState<string | null>(null);
  const tanggal = picked ?? today ?? '';
  const entries = useActivities({ tanggal, userId: me.id, pageSize: 100 });
  const invalidate = useInvalidate();
  const submit = useMutation({
    mutationFn: (ids: string[]) => api<{ items: ActivityRecord[] }>('/activities/submit', { method: 'POST', json: { ids } }),
    onSuccess: invalidate,
  });
  const submittable = entries.data?.items.filter((e) => e.tindakan.ajukan) ?? [];
  const minutes = entries.data?.items.reduce((s, e) => s + e.durasiMenit, 0) ?? 0;
  const pending = useOutbox().filter((e) => e.kind === 'activity' && e.ref.tanggal === tanggal);

  return (
    <section>
      <h1>{t('kerja.kegiatan.title')}</h1>
      <label>
        {t('kerja.kegiatan.date')}
        <input type="date" value={tanggal} max={today} onChange={(e) => setPicked(e.target.value)} />
      </label>
      {tanggal && (
        <QueryStatus query={entries} isEmpty={(d) => d.items.length === 0} empty={<p>{t('kerja.kegiatan.empty')}</p>}>
          {(d) => (
            <>
              <p>{t('kerja.kegiatan.totalHours', { hours: formatNumber(Math.round((minutes / 60) * 10) / 10) })}</p>
              {d.items.map((entry) => (
                <Entry key={entry.id} entry={entry} />
              ))}
            </>
          )}
        </QueryStatus>
      )}
      {pending.map((e) => (
        <article key={e.seq} data-testid="pending-activity">
          <header>
            <strong>{t(`kerja.jenis.${e.body['jenis'] as ActivityType}`)}</strong> <SyncMark entry={e} />
          </header>
          <p>
            {formatNumber(Number(e.body['durasiMenit']))} {t('kerja.kegiatan.minutes').toLowerCase()}{' '}
            {typeof e.body['uraian'] === 'string' && `· ${e.body['uraian']}`}
          </p>
          <ActivityPhotos activityId={e.id} count={0} editable={e.status !== 'ditolak' && e.body['id'] === e.id} />
        </article>
      ))}
      {submittable.length > 0 && (
        <button
          className="big-button"
          aria-busy={submit.isPending}
          disabled={submit.isPending}
          onClick={() => submit.mutate(submittable.map((e) => e.id))}
        >
          {t('kerja.kegiatan.submitDay', { count: submittable.length })}
        </button>
      )}
      {submit.isSuccess && <p role="status">{t('kerja.kegiatan.submitted')}</p>}
      {submit.isError && (
        <p role="alert" className="error">
          {submit.error.message}
        </p>
      )}
      {tanggal && (
        <NewEntry tanggal={tanggal} kejadian={todayQuery.data?.tanggal === tanggal ? (todayQuery.data.presensi?.kejadian ?? null) : null} />
      )}
      <p>
        <Link to={`/kinerja/${me.id}`}>{t('kerja.presensi.kinerja')}</Link>
      </p>
    </section>
  );
}

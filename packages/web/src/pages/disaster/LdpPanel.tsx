import { JENIS_LDP, KELOMPOK_UMUR_LDP, type DisasterRecord, type JenisLdp, type KelompokUmurLdp } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAffected, useDeployments, useLdpSessions, useRecordLdp, useShelters } from '../../api/disaster-queries.js';
import { useOutbox } from '../../api/outbox.js';
import { useMe } from '../../api/queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { SyncMark } from '../../components/SyncMark.js';
import { formatDate, formatNumber, workerToday } from '../../lib/format.js';

const OTHER = '__lain';
type Counts = Record<`${KelompokUmurLdp}-${'L' | 'P'}`, string>;
const NO_COUNTS = Object.fromEntries(KELOMPOK_UMUR_LDP.flatMap((u) => [`${u}-L`, `${u}-P`].map((k) => [k, '']))) as Counts;

/** A session: date, kind, shelter or place, facilitators (me first), the registered who came and counts of the rest. */
function LdpForm({ event, onDone }: { event: DisasterRecord; onDone: (queued: boolean) => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const record = useRecordLdp(event.id);
  const shelters = useShelters(event.id);
  const deployments = useDeployments(event.id);
  const [f, setF] = useState({ tanggal: workerToday(me.wilayah), jenis: 'psikoedukasi' as JenisLdp, place: '', tempat: '', catatan: '' });
  const [fasilitator, setFasilitator] = useState<string[]>([me.id]);
  const [peserta, setPeserta] = useState<string[]>([]);
  const [counts, setCounts] = useState<Counts>(NO_COUNTS);
  const shelterId = f.place && f.place !== OTHER ? f.place : undefined;
  const people = useAffected(event.id, { page: 1, pageSize: 100, shelterId });
  const colleagues = (deployments.data ?? []).filter((d) => d.aktif && d.userId !== me.id);
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const hitungan = KELOMPOK_UMUR_LDP.flatMap((kelompokUmur) =>
          (['L', 'P'] as const).flatMap((jenisKelamin) => {
            const jumlah = Number(counts[`${kelompokUmur}-${jenisKelamin}`] || 0);
            return jumlah > 0 ? [{ kelompokUmur, jenisKelamin, jumlah }] : [];
          }),
        );
        const catatan = f.catatan.trim();
        record.mutate(
          {
            tanggal: f.tanggal,
            jenis: f.jenis,
            fasilitator,
            peserta,
            hitungan,
            ...(shelterId ? { shelterId } : {}),
            ...(f.place === OTHER && f.tempat.trim() ? { tempat: f.tempat.trim() } : {}),
            ...(catatan ? { catatan } : {}),
          },
          { onSuccess: (outcome) => onDone(outcome.queued) },
        );
      }}
    >
      <h3>{t('bencana.ldp.add')}</h3>
      <div className="grid">
        <label>
          {t('bencana.ldp.tanggal')}
          <input
            type="date"
            required
            min={event.mulai}
            max={workerToday(me.wilayah)}
            value={f.tanggal}
            onChange={(e) => setF({ ...f, tanggal: e.target.value })}
          />
        </label>
        <label>
          {t('bencana.ldp.jenis')}
          <select value={f.jenis} onChange={(e) => setF({ ...f, jenis: e.target.value as JenisLdp })}>
            {JENIS_LDP.map((j) => (
              <option key={j} value={j}>
                {t(`bencana.jenisLdp.${j}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('bencana.ldp.shelter')}
        <select required value={f.place} onChange={(e) => (setF({ ...f, place: e.target.value }), setPeserta([]))}>
          <option value="">—</option>
          {(shelters.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.nama}
            </option>
          ))}
          <option value={OTHER}>{t('bencana.ldp.otherPlace')}</option>
        </select>
      </label>
      {f.place === OTHER && (
        <label>
          {t('bencana.ldp.tempat')}
          <input required maxLength={200} value={f.tempat} onChange={(e) => setF({ ...f, tempat: e.target.value })} />
        </label>
      )}
      <fieldset>
        <legend>{t('bencana.ldp.fasilitator')}</legend>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={fasilitator.includes(me.id)}
            onChange={(e) => setFasilitator(toggle(fasilitator, me.id, e.target.checked))}
          />
          {t('bencana.ldp.me', { username: me.username })}
        </label>
        {colleagues.map((d) => (
          <label key={d.userId} className="inline-check">
            <input
              type="checkbox"
              checked={fasilitator.includes(d.userId)}
              onChange={(e) => setFasilitator(toggle(fasilitator, d.userId, e.target.checked))}
            />
            {d.nama ?? d.username}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('bencana.ldp.peserta')}</legend>
        <small className="muted">{t('bencana.ldp.pesertaHint')}</small>
        {(people.data?.items.length ?? 0) === 0 && <p className="muted">{t('bencana.ldp.noPeserta')}</p>}
        {people.data?.items.map((a) => (
          <label key={a.id} className="inline-check">
            <input type="checkbox" checked={peserta.includes(a.id)} onChange={(e) => setPeserta(toggle(peserta, a.id, e.target.checked))} />
            <span>
              {a.nama}{' '}
              <small className="muted">
                {a.jenisKelamin}
                {a.perkiraanUmur !== null ? ` · ± ${a.perkiraanUmur}` : ''}
              </small>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('bencana.ldp.counts')}</legend>
        <table className="count-table">
          <thead>
            <tr>
              <td />
              <th scope="col">{t('bencana.jk.L')}</th>
              <th scope="col">{t('bencana.jk.P')}</th>
            </tr>
          </thead>
          <tbody>
            {KELOMPOK_UMUR_LDP.map((u) => (
              <tr key={u}>
                <th scope="row">{t(`bencana.umur.${u}`)}</th>
                {(['L', 'P'] as const).map((jk) => (
                  <td key={jk}>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100000}
                      aria-label={t('bencana.ldp.countLabel', { umur: t(`bencana.umur.${u}`), jk: t(`bencana.jk.${jk}`) })}
                      value={counts[`${u}-${jk}`]}
                      onChange={(e) => setCounts({ ...counts, [`${u}-${jk}`]: e.target.value })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <label>
        {t('bencana.ldp.catatan')}
        <textarea rows={2} maxLength={4000} value={f.catatan} onChange={(e) => setF({ ...f, catatan: e.target.value })} />
      </label>
      {record.isError && (
        <p role="alert" className="error">
          {record.error.message}
        </p>
      )}
      <button type="submit" disabled={record.isPending || fasilitator.length === 0} aria-busy={record.isPending}>
        {t('bencana.ldp.submit')}
      </button>
    </form>
  );
}

/** LDP: the event's psychosocial support sessions and the form to record one. */
export function LdpPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const sessions = useLdpSessions(event.id);
  const shelters = useShelters(event.id);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const waiting = useOutbox().filter((e) => e.kind === 'ldpSession' && e.ref.disasterId === event.id);
  const shelterName = new Map((shelters.data ?? []).map((s) => [s.id, s.nama]));
  return (
    <>
      <h2>{t('bencana.ldp.title')}</h2>
      {message && <p role="status">{message}</p>}
      {event.tindakan.catat &&
        (adding ? (
          <article>
            <LdpForm
              event={event}
              onDone={(queued) => {
                setAdding(false);
                setMessage(queued ? t('bencana.ldp.queued') : t('bencana.ldp.saved'));
              }}
            />
            <button type="button" className="secondary outline" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </article>
        ) : (
          <button type="button" onClick={() => (setAdding(true), setMessage(null))}>
            {t('bencana.ldp.add')}
          </button>
        ))}
      {waiting.map((e) => (
        <p key={e.seq} data-testid="ldp-pending">
          {t(`bencana.jenisLdp.${String(e.body['jenis']) as JenisLdp}`)} · {formatDate(String(e.body['tanggal']))} <SyncMark entry={e} />
        </p>
      ))}
      <QueryStatus query={sessions} isEmpty={(d) => d.length === 0} empty={<p>{t('bencana.ldp.none')}</p>}>
        {(rows) => (
          <ul className="plain-list">
            {rows.map((s) => (
              <li key={s.id} data-testid="ldp-session">
                <strong>{formatDate(s.tanggal)}</strong> ·{' '}
                {t('bencana.ldp.line', { jenis: t(`bencana.jenisLdp.${s.jenis}`), jumlah: formatNumber(s.jumlahPeserta) })}
                <br />
                <small className="muted">
                  {s.shelterId ? (shelterName.get(s.shelterId) ?? '') : (s.tempat ?? '')} ·{' '}
                  {t('bencana.ldp.registered', { count: s.peserta.length })}
                </small>
                {s.catatan && (
                  <>
                    <br />
                    <small>{s.catatan}</small>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </>
  );
}

import {
  DASAR_PEMROSESAN,
  REFERRAL_TRANSITIONS,
  type CaseRecord,
  type DasarPemrosesan,
  type ReferralStatus,
  type ReferralView,
} from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingReferralMove } from '../../../api/local-casework.js';
import { caseworkWrites, useCaseWrite, useLembaga, useReferrals } from '../../../api/casework-queries.js';
import { useOutbox } from '../../../api/outbox.js';
import { SyncMark } from '../../../components/SyncMark.js';
import { formatDateTime } from '../../../lib/format.js';

function NextStep({ kase, referral }: { kase: CaseRecord; referral: ReferralView }) {
  const { t } = useTranslation();
  const [petugas, setPetugas] = useState('');
  const [catatan, setCatatan] = useState('');
  // The institution's answer is often heard in the field: through the outbox, based on the version shown.
  const move = useCaseWrite(kase.id, 'referrals', (status: ReferralStatus) =>
    caseworkWrites.referralStatus(kase.id, referral, { status, petugasLembaga: petugas || undefined, catatan: catatan || undefined }),
  );
  const queued = usePendingReferralMove(referral.id);
  if (queued)
    return (
      <p data-testid="pending-referral-move">
        {t('luring.referralMoveQueued', { status: t(`kasus.rujukan.status.${queued.status}`) })} <SyncMark entry={queued.entry} />
      </p>
    );
  const next = REFERRAL_TRANSITIONS[referral.status];
  if (next.length === 0) return null;
  return (
    <details>
      <summary>{t('common.edit')}</summary>
      <div className="grid">
        <label>
          {t('kasus.rujukan.officer')}
          <input value={petugas} onChange={(e) => setPetugas(e.target.value)} maxLength={200} />
        </label>
        <label>
          {t('kasus.rujukan.note')}
          <input value={catatan} onChange={(e) => setCatatan(e.target.value)} maxLength={2000} />
        </label>
      </div>
      <div className="actions">
        {next.map((s) => (
          <button
            key={s}
            className={s === 'dibatalkan' || s === 'ditolak' ? 'secondary' : ''}
            disabled={move.isPending || ((s === 'ditolak' || s === 'dibatalkan') && !catatan.trim())}
            onClick={() => move.mutate(s)}
          >
            {t(`kasus.rujukan.next.${s}`)}
          </button>
        ))}
      </div>
      {move.isError && (
        <p role="alert" className="error">
          {move.error.message}
        </p>
      )}
    </details>
  );
}

function NewReferral({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const lembaga = useLembaga();
  const blank = { lembagaId: '', layanan: '', alasan: '', batasHari: '', dasarBerbagi: '' as DasarPemrosesan | '' };
  const [d, setD] = useState(blank);
  const send = useCaseWrite(
    kase.id,
    'referrals',
    () =>
      caseworkWrites.referral(kase.id, {
        lembagaId: d.lembagaId,
        layanan: d.layanan,
        alasan: d.alasan,
        ...(d.batasHari ? { batasHari: Number(d.batasHari) } : {}),
        ...(d.dasarBerbagi ? { dasarBerbagi: d.dasarBerbagi } : {}),
      }),
    () => setD(blank),
  );
  return (
    <details>
      <summary>{t('kasus.rujukan.new')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(undefined);
        }}
      >
        <label>
          {t('kasus.rujukan.lembaga')}
          <select required value={d.lembagaId} onChange={(e) => setD({ ...d, lembagaId: e.target.value })}>
            <option value="">{t('kasus.common.choose')}</option>
            {lembaga.data?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.nama} — {t(`kasus.rujukan.jenis.${l.jenis}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kasus.rujukan.service')}
          <input required maxLength={300} value={d.layanan} onChange={(e) => setD({ ...d, layanan: e.target.value })} />
        </label>
        <label>
          {t('kasus.rujukan.reason')}
          <textarea required rows={2} value={d.alasan} onChange={(e) => setD({ ...d, alasan: e.target.value })} />
        </label>
        <label>
          {t('kasus.rujukan.days')}
          <input
            type="number"
            min={1}
            max={90}
            inputMode="numeric"
            value={d.batasHari}
            onChange={(e) => setD({ ...d, batasHari: e.target.value })}
          />
        </label>
        <label>
          {t('kasus.rujukan.basis')}
          <select value={d.dasarBerbagi} onChange={(e) => setD({ ...d, dasarBerbagi: e.target.value as DasarPemrosesan | '' })}>
            <option value="">{t('kasus.rujukan.basisDefault')}</option>
            {DASAR_PEMROSESAN.map((b) => (
              <option key={b} value={b}>
                {t(`kasus.rujukan.dasar.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" aria-busy={send.isPending} disabled={send.isPending}>
          {t('kasus.rujukan.send')}
        </button>
        {send.isError && (
          <p role="alert" className="error">
            {send.error.message}
          </p>
        )}
      </form>
    </details>
  );
}

/** Referrals of the case with each answer recorded, and a new referral from the directory. */
export function ReferralsPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const referrals = useReferrals(kase.id);
  const lembaga = useLembaga();
  const pending = useOutbox().filter((e) => e.kind === 'referral' && e.ref.caseId === kase.id);
  const works = kase.tindakan.ubah && kase.status !== 'ditutup';
  return (
    <div>
      {works && <NewReferral kase={kase} />}
      {pending.length > 0 && (
        <ul className="cards pending">
          {pending.map((e) => (
            <li key={e.seq} data-testid="pending-referral">
              <strong>{lembaga.data?.find((l) => l.id === e.body['lembagaId'])?.nama}</strong> <SyncMark entry={e} />
              <br />
              {String(e.body['layanan'])} — <span className="muted">{String(e.body['alasan'])}</span>
            </li>
          ))}
        </ul>
      )}
      {referrals.data && referrals.data.length > 0 ? (
        <ul className="cards">
          {referrals.data.map((r) => (
            <li key={r.id}>
              <strong>{r.lembagaNama}</strong> <mark>{t(`kasus.rujukan.status.${r.status}`)}</mark>
              {r.terlambat && <mark className="late">{t('kasus.rujukan.late', { n: r.batasHari })}</mark>}
              <br />
              {r.layanan} — <span className="muted">{r.alasan}</span>
              <br />
              <small className="muted">
                {t('kasus.rujukan.sentAt', { when: formatDateTime(r.dikirimPada, kase.wilayah) })} ·{' '}
                {t('kasus.rujukan.sharedOn', { dasar: t(`kasus.rujukan.dasar.${r.dasarBerbagi}`) })}
                {r.petugasLembaga && ` · ${r.petugasLembaga}`}
                {r.catatan && ` · ${r.catatan}`}
              </small>
              {works && <NextStep kase={kase} referral={r} />}
            </li>
          ))}
        </ul>
      ) : (
        pending.length === 0 && <p className="muted">{t('kasus.common.none')}</p>
      )}
    </div>
  );
}

import type { CaseRecord, TransferView } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useCaseWrite, useTransferCandidates, useTransfers } from '../../../api/casework-queries.js';
import { useCaseload } from '../../../api/workforce-queries.js';
import { formatDateTime } from '../../../lib/format.js';

/** Accept / decline (the receiver, a koordinator) or withdraw a transfer proposal. */
export function TransferDecision({ caseId, transfer, withdraw }: { caseId: string; transfer: TransferView; withdraw: boolean }) {
  const { t } = useTranslation();
  const [catatan, setCatatan] = useState('');
  const decide = useCaseWrite(caseId, 'transfers', (keputusan: 'terima' | 'tolak' | 'batalkan') =>
    api(`/transfers/${transfer.id}/decision`, { method: 'POST', json: { keputusan, catatan: catatan || undefined } }),
  );
  return (
    <div>
      <label>
        {withdraw ? t('kasus.pengalihan.reason') : t('kasus.pengalihan.declineReason')}
        <input value={catatan} onChange={(e) => setCatatan(e.target.value)} maxLength={2000} />
      </label>
      <div className="actions">
        {withdraw ? (
          <button className="secondary" disabled={decide.isPending} onClick={() => decide.mutate('batalkan')}>
            {t('kasus.pengalihan.withdraw')}
          </button>
        ) : (
          <>
            <button disabled={decide.isPending} onClick={() => decide.mutate('terima')}>
              {t('kasus.pengalihan.accept')}
            </button>
            <button className="secondary" disabled={decide.isPending || !catatan.trim()} onClick={() => decide.mutate('tolak')}>
              {t('kasus.pengalihan.decline')}
            </button>
          </>
        )}
      </div>
      {decide.isError && (
        <p role="alert" className="error">
          {decide.error.message}
        </p>
      )}
    </div>
  );
}

/** Hand the case to another pendamping of the area, who accepts or declines. */
export function TransferPanel({ kase, meId, supervises }: { kase: CaseRecord; meId: string; supervises: boolean }) {
  const { t } = useTranslation();
  const transfers = useTransfers(kase.id);
  const works = kase.tindakan.ubah && kase.status !== 'ditutup';
  const open = transfers.data?.find((x) => x.status === 'diajukan');
  const candidates = useTransferCandidates(kase.id, works && !open);
  // The office also sees each colleague's caseload beside the name; a pendamping sees names only.
  const load = useCaseload(supervises);
  const aktif = new Map(load.data?.items.map((p) => [p.pendampingId, p.aktif]));
  const [to, setTo] = useState('');
  const [alasan, setAlasan] = useState('');
  const propose = useCaseWrite(
    kase.id,
    'transfers',
    () => api(`/cases/${kase.id}/transfers`, { method: 'POST', json: { kePendampingId: to, alasan } }),
    () => setAlasan(''),
  );
  const colleagues = candidates.data?.items;
  return (
    <div>
      {transfers.data?.map((x) => (
        <p key={x.id}>
          {t('kasus.pengalihan.line', { nomor: kase.nomor, from: x.dariPendamping ?? '—', to: x.kePendamping })}{' '}
          <mark>{t(`kasus.pengalihan.status.${x.status}`)}</mark>
          <br />
          <small className="muted">
            {formatDateTime(x.diajukanPada, kase.wilayah)} · {x.alasan}
            {x.catatan && ` · ${x.catatan}`}
          </small>
          {x.status === 'diajukan' && (x.kePendampingId === meId || supervises || works) && (
            <TransferDecision caseId={kase.id} transfer={x} withdraw={x.kePendampingId !== meId && !supervises} />
          )}
        </p>
      ))}
      {works && !open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            propose.mutate(undefined);
          }}
        >
          <h3>{t('kasus.pengalihan.propose')}</h3>
          {colleagues?.length === 0 && (
            <p role="status" className="notice">
              {t('kasus.pengalihan.noColleagues')}
            </p>
          )}
          <label>
            {t('kasus.pengalihan.to')}
            <select required value={to} onChange={(e) => setTo(e.target.value)} disabled={colleagues?.length === 0}>
              <option value="">{t('kasus.common.choose')}</option>
              {colleagues?.map((p) => {
                const count = aktif.get(p.id);
                return (
                  <option key={p.id} value={p.id}>
                    {count === undefined || !load.data
                      ? p.nama
                      : t('cases.caseloadOption', { name: p.nama, aktif: count, rekomendasi: load.data.rekomendasi })}
                  </option>
                );
              })}
            </select>
          </label>
          {candidates.isError && (
            <p role="alert" className="error">
              {candidates.error.message}
            </p>
          )}
          <label>
            {t('kasus.pengalihan.reason')}
            <textarea required rows={2} value={alasan} onChange={(e) => setAlasan(e.target.value)} />
          </label>
          <button type="submit" aria-busy={propose.isPending} disabled={propose.isPending || colleagues?.length === 0}>
            {t('kasus.pengalihan.send')}
          </button>
          {propose.isError && (
            <p role="alert" className="error">
              {propose.error.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

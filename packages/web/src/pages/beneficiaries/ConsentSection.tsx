import {
  consentStatement,
  DASAR_PEMROSESAN_INFO,
  HUBUNGAN_PEMBERI,
  mayGiveConsent,
  PURPOSE_RULES,
  TUJUAN_PEMROSESAN,
  type DasarPemrosesan,
  type HubunganPemberi,
  type TujuanPemrosesan,
} from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useAddConsent, useConsents, useProcessingBases, useWithdrawConsent } from '../../api/consent-queries.js';
import { useMe } from '../../api/queries.js';
import { formatDateTime, workerToday } from '../../lib/format.js';
import { TableScroll } from '../../components/TableScroll.js';

function useBasisLabel() {
  const { t } = useTranslation();
  return (dasar: DasarPemrosesan) => t('beneficiaries.basisLabel', DASAR_PEMROSESAN_INFO[dasar]);
}

/** What the worker reads out before the person agrees (UU 27/2022 Pasal 21): basis, retention, rights. */
function Statement({ tujuan }: { tujuan: TujuanPemrosesan }) {
  const { t } = useTranslation();
  const basisLabel = useBasisLabel();
  const s = consentStatement(tujuan);
  return (
    <details>
      <summary>{t('beneficiaries.consentStatement')}</summary>
      <p>
        <strong>{t('beneficiaries.consentBasis')}:</strong> {basisLabel(s.dasar)} ({s.sumber})
      </p>
      <p>
        <strong>{t('beneficiaries.consentRetention')}:</strong> {s.retensi}
      </p>
      <p>
        <strong>{t('beneficiaries.consentRights')}:</strong>
      </p>
      <ul>
        {s.hakSubjek.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
    </details>
  );
}

function ConsentForm({ id, child }: { id: string; child: boolean }) {
  const { t } = useTranslation();
  const today = workerToday(useMe().data?.wilayah ?? null);
  const add = useAddConsent(id);
  const [form, setForm] = useState({
    kodeTujuan: 'rehabilitasi_sosial' as TujuanPemrosesan,
    tujuan: PURPOSE_RULES.rehabilitasi_sosial.nama,
    pemberiNama: '',
    hubungan: (child ? 'orang_tua' : 'diri_sendiri') as HubunganPemberi,
    tanggal: today,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      kodeTujuan: form.kodeTujuan,
      tujuan: form.tujuan,
      pemberiNama: form.pemberiNama,
      hubungan: form.hubungan,
      diberikanPada: new Date(`${form.tanggal}T00:00:00`).toISOString(),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('beneficiaries.consentAdd')}>
      <label>
        {t('beneficiaries.consentPurposeCode')}
        <select
          value={form.kodeTujuan}
          onChange={(e) => {
            const kodeTujuan = e.target.value as TujuanPemrosesan;
            setForm({ ...form, kodeTujuan, tujuan: PURPOSE_RULES[kodeTujuan].nama });
          }}
        >
          {TUJUAN_PEMROSESAN.map((k) => (
            <option key={k} value={k}>
              {PURPOSE_RULES[k].nama}
            </option>
          ))}
        </select>
      </label>
      {PURPOSE_RULES[form.kodeTujuan].dasar !== 'persetujuan' && <p className="muted">{t('beneficiaries.consentNotTheBasis')}</p>}
      <label>
        {t('beneficiaries.consentPurpose')}
        <input required minLength={3} value={form.tujuan} onChange={(e) => setForm({ ...form, tujuan: e.target.value })} />
      </label>
      <Statement tujuan={form.kodeTujuan} />
      <div className="grid">
        <label>
          {t('beneficiaries.consentGiver')}
          <input required value={form.pemberiNama} onChange={(e) => setForm({ ...form, pemberiNama: e.target.value })} />
        </label>
        <label>
          {t('beneficiaries.consentRelation')}
          <select value={form.hubungan} onChange={(e) => setForm({ ...form, hubungan: e.target.value as HubunganPemberi })}>
            {HUBUNGAN_PEMBERI.filter((r) => mayGiveConsent(r, child)).map((r) => (
              <option key={r} value={r}>
                {t(`beneficiaries.relation.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('beneficiaries.consentDate')}
          <input type="date" required value={form.tanggal} max={today} onChange={(e) => setForm({ ...form, tanggal: e.target.value })} />
        </label>
      </div>
      {add.error instanceof ApiError && (
        <p role="alert" className="error">
          {add.error.message}
        </p>
      )}
      <button type="submit" aria-busy={add.isPending}>
        {t('beneficiaries.consentAdd')}
      </button>
    </form>
  );
}

/** The legal basis each purpose rests on for this person, and whether it holds now. */
function ProcessingBases({ id }: { id: string }) {
  const { t } = useTranslation();
  const basisLabel = useBasisLabel();
  const bases = useProcessingBases(id);
  if (!bases.data) return null;
  return (
    <TableScroll>
      <table>
        <caption>{t('beneficiaries.basesTitle')}</caption>
        <thead>
          <tr>
            <th>{t('beneficiaries.basesPurpose')}</th>
            <th>{t('beneficiaries.basesStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {bases.data
            .filter((b) => b.relevan)
            .map((b) => (
              <tr key={b.tujuan} data-tujuan={b.tujuan}>
                <td>
                  {b.nama}
                  <br />
                  <small title={`${basisLabel(b.dasar)} (${b.sumber})`}>
                    {t('beneficiaries.basisShort', {
                      huruf: DASAR_PEMROSESAN_INFO[b.dasar].huruf,
                      dasar: t(`kasus.rujukan.dasar.${b.dasar}`),
                    })}
                  </small>
                  <br />
                  <small className="muted">{b.sumber}</small>
                </td>
                <td>{b.berlaku ? t('beneficiaries.basesHolds') : t('beneficiaries.basesNoConsent')}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ConsentSection({ id, child, canWrite }: { id: string; child: boolean; canWrite: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const consents = useConsents(id);
  const withdraw = useWithdrawConsent(id);
  return (
    <article>
      <header>
        <h2>{t('beneficiaries.consents')}</h2>
      </header>
      <ProcessingBases id={id} />
      {consents.data && consents.data.length > 0 ? (
        <ul>
          {consents.data.map((c) => (
            <li key={c.id}>
              {c.tujuan} — {c.pemberiNama} ({t(`beneficiaries.relation.${c.hubungan}`)}), {formatDateTime(c.diberikanPada, me.wilayah)} ·{' '}
              {c.aktif
                ? t('beneficiaries.consentActive')
                : t('beneficiaries.consentWithdrawn', { date: formatDateTime(c.dicabutPada!, me.wilayah) })}
              {c.pernyataan && c.pernyataan.dasar !== 'persetujuan' && (
                <>
                  <br />
                  <small className="muted">{t('beneficiaries.consentWithdrawKeepsService')}</small>
                </>
              )}
              {c.aktif && canWrite && (
                <button type="button" className="secondary outline small" onClick={() => withdraw.mutate(c.id)}>
                  {t('beneficiaries.consentWithdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('beneficiaries.consentsEmpty')}</p>
      )}
      {canWrite && <ConsentForm id={id} child={child} />}
    </article>
  );
}

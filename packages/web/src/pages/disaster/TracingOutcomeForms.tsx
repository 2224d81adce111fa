import { ALASAN_TUTUP_PENELUSURAN, type AlasanTutupPenelusuran, type DisasterRecord, type TracingRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCloseTracing, useRecordReunification } from '../../api/disaster-tracing-queries.js';
import { useMe } from '../../api/queries.js';
import { workerToday } from '../../lib/format.js';

/** A matched pair is reunited: the day, the place, to whom the child or missing person was handed over. */
export function ReunificationForm({ event, record }: { event: DisasterRecord; record: TracingRecord }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const today = workerToday(me.wilayah);
  const reunify = useRecordReunification(event.id, record.id);
  const [f, setF] = useState({ tanggal: today, tempat: '', diserahkanKepada: '', catatan: '' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const catatan = f.catatan.trim();
        reunify.mutate({
          tanggal: f.tanggal,
          tempat: f.tempat.trim(),
          diserahkanKepada: f.diserahkanKepada.trim(),
          ...(catatan ? { catatan } : {}),
        });
      }}
    >
      <h4>{t('bencana.penelusuran.reunify')}</h4>
      <label>
        {t('bencana.penelusuran.reunifyTanggal')}
        <input
          type="date"
          required
          min={event.mulai}
          max={today}
          value={f.tanggal}
          onChange={(e) => setF({ ...f, tanggal: e.target.value })}
        />
      </label>
      <label>
        {t('bencana.penelusuran.reunifyTempat')}
        <input required maxLength={500} value={f.tempat} onChange={(e) => setF({ ...f, tempat: e.target.value })} />
      </label>
      <label>
        {t('bencana.penelusuran.reunifyKepada')}
        <input required maxLength={200} value={f.diserahkanKepada} onChange={(e) => setF({ ...f, diserahkanKepada: e.target.value })} />
      </label>
      <label>
        {t('bencana.penelusuran.catatan')}
        <textarea rows={2} maxLength={2000} value={f.catatan} onChange={(e) => setF({ ...f, catatan: e.target.value })} />
      </label>
      {reunify.isError && (
        <p role="alert" className="error">
          {reunify.error.message}
        </p>
      )}
      <button type="submit" disabled={reunify.isPending} aria-busy={reunify.isPending}>
        {t('bencana.penelusuran.reunifySubmit')}
      </button>
    </form>
  );
}

/** An open record that ends without a match: the reason (a note for "lainnya"), folded until asked for. */
export function CloseTracingForm({ event, record }: { event: DisasterRecord; record: TracingRecord }) {
  const { t } = useTranslation();
  const close = useCloseTracing(event.id, record.id);
  const [alasan, setAlasan] = useState<AlasanTutupPenelusuran>('keluarga_tidak_ditemukan');
  const [catatan, setCatatan] = useState('');
  return (
    <details>
      <summary>{t('bencana.penelusuran.close')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const note = catatan.trim();
          close.mutate({ alasan, ...(note ? { catatan: note } : {}) });
        }}
      >
        <label>
          {t('bencana.penelusuran.closeAlasan')}
          <select value={alasan} onChange={(e) => setAlasan(e.target.value as AlasanTutupPenelusuran)}>
            {ALASAN_TUTUP_PENELUSURAN.map((a) => (
              <option key={a} value={a}>
                {t(`bencana.penelusuran.alasanTutup.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bencana.penelusuran.catatan')}
          <textarea
            rows={2}
            maxLength={2000}
            required={alasan === 'lainnya'}
            value={catatan}
            onChange={(e) => setCatatan(e.target.value)}
          />
        </label>
        {close.isError && (
          <p role="alert" className="error">
            {close.error.message}
          </p>
        )}
        <button type="submit" className="secondary" disabled={close.isPending} aria-busy={close.isPending}>
          {t('bencana.penelusuran.closeSubmit')}
        </button>
      </form>
    </details>
  );
}

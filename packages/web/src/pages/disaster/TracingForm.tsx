import {
  HUBUNGAN_PELAPOR,
  JENIS_PENELUSURAN,
  type ArahPenelusuran,
  type DisasterRecord,
  type HubunganPelapor,
  type JenisPenelusuran,
} from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordTracing, type NewTracing } from '../../api/disaster-tracing-queries.js';
import { useMe } from '../../api/queries.js';
import { workerToday } from '../../lib/format.js';
import { EventVillagePicker } from './EventVillagePicker.js';

const EMPTY = {
  arah: 'dicari' as ArahPenelusuran,
  jenis: 'anak_terpisah' as JenisPenelusuran,
  nama: '',
  jenisKelamin: '' as '' | 'L' | 'P',
  tanggalLahir: '',
  perkiraanUmur: '',
  kodeDesa: '',
  tempat: '',
  ciriCiri: '',
  pelaporNama: '',
  pelaporHubungan: 'orang_tua' as HubunganPelapor,
  pelaporKontak: '',
};

/**
 * A person sought by their family (with who seeks them) or found / in care, as the server takes
 * it: kind, name when known, sex, birth date or an estimated age, the village and place, features,
 * the day. Saved through the outbox with an id made here.
 */
export function TracingForm({ event, onDone }: { event: DisasterRecord; onDone: (queued: boolean) => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const record = useRecordTracing(event.id);
  const today = workerToday(me.wilayah);
  const [f, setF] = useState({ ...EMPTY, tanggal: today });
  const sought = f.arah === 'dicari';
  const text = (v: string) => (v.trim() ? v.trim() : undefined);

  const submit = () => {
    const input: NewTracing & { id: string } = {
      id: crypto.randomUUID(),
      arah: f.arah,
      jenis: f.jenis,
      jenisKelamin: f.jenisKelamin as 'L' | 'P',
      tanggal: f.tanggal,
      ...(text(f.nama) ? { nama: text(f.nama)! } : {}),
      ...(f.tanggalLahir ? { tanggalLahir: f.tanggalLahir } : f.perkiraanUmur !== '' ? { perkiraanUmur: Number(f.perkiraanUmur) } : {}),
      ...(f.kodeDesa ? { kodeDesa: f.kodeDesa } : {}),
      ...(text(f.tempat) ? { tempat: text(f.tempat)! } : {}),
      ...(text(f.ciriCiri) ? { ciriCiri: text(f.ciriCiri)! } : {}),
      ...(sought
        ? {
            pelapor: {
              nama: f.pelaporNama.trim(),
              hubungan: f.pelaporHubungan,
              ...(text(f.pelaporKontak) ? { kontak: text(f.pelaporKontak)! } : {}),
            },
          }
        : {}),
    };
    record.mutate(input, { onSuccess: (outcome) => onDone(outcome.queued) });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t('bencana.penelusuran.add')}</h3>
      <fieldset className="chips" role="radiogroup" aria-label={t('bencana.penelusuran.arahLegend')}>
        <legend>{t('bencana.penelusuran.arahLegend')}</legend>
        {(['dicari', 'ditemukan'] as const).map((arah) => (
          <label key={arah} className="inline-check">
            <input type="radio" name="arah" checked={f.arah === arah} onChange={() => setF({ ...f, arah })} />
            {t(`bencana.penelusuran.arah.${arah}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('bencana.penelusuran.jenisLabel')}
        <select value={f.jenis} onChange={(e) => setF({ ...f, jenis: e.target.value as JenisPenelusuran })}>
          {JENIS_PENELUSURAN.map((j) => (
            <option key={j} value={j}>
              {t(`bencana.penelusuran.jenis.${j}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bencana.penelusuran.nama')}
        <input maxLength={200} autoComplete="off" value={f.nama} onChange={(e) => setF({ ...f, nama: e.target.value })} />
      </label>
      <fieldset className="chips" role="radiogroup" aria-label={t('bencana.korban.jk')}>
        <legend>{t('bencana.korban.jk')}</legend>
        {(['L', 'P'] as const).map((jk) => (
          <label key={jk} className="inline-check">
            <input
              type="radio"
              name="tracing-jk"
              required
              checked={f.jenisKelamin === jk}
              onChange={() => setF({ ...f, jenisKelamin: jk })}
            />
            {t(`bencana.jk.${jk}`)}
          </label>
        ))}
      </fieldset>
      <div className="grid">
        <label>
          {t('bencana.penelusuran.umur')}
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            disabled={f.tanggalLahir !== ''}
            value={f.perkiraanUmur}
            onChange={(e) => setF({ ...f, perkiraanUmur: e.target.value })}
          />
        </label>
        <label>
          {t('bencana.penelusuran.lahir')}
          <input
            type="date"
            max={f.tanggal}
            value={f.tanggalLahir}
            onChange={(e) => setF({ ...f, tanggalLahir: e.target.value, perkiraanUmur: '' })}
          />
        </label>
      </div>
      <small className="muted">{t('bencana.penelusuran.umurHint')}</small>
      <fieldset>
        <legend>{t('bencana.penelusuran.desa')}</legend>
        <EventVillagePicker areas={event.wilayah} value={f.kodeDesa} onChange={(kodeDesa) => setF((x) => ({ ...x, kodeDesa }))} />
      </fieldset>
      <label>
        {sought ? t('bencana.penelusuran.tempatDicari') : t('bencana.penelusuran.tempatDitemukan')}
        <input maxLength={500} value={f.tempat} onChange={(e) => setF({ ...f, tempat: e.target.value })} />
      </label>
      <label>
        {t('bencana.penelusuran.ciriCiri')}
        <textarea rows={2} maxLength={2000} value={f.ciriCiri} onChange={(e) => setF({ ...f, ciriCiri: e.target.value })} />
      </label>
      <label>
        {sought ? t('bencana.penelusuran.tanggalDicari') : t('bencana.penelusuran.tanggalDitemukan')}
        <input
          type="date"
          required
          min={event.mulai}
          max={today}
          value={f.tanggal}
          onChange={(e) => setF({ ...f, tanggal: e.target.value })}
        />
      </label>
      {sought && (
        <fieldset>
          <legend>{t('bencana.penelusuran.pelapor')}</legend>
          <label>
            {t('bencana.penelusuran.pelaporNama')}
            <input required maxLength={200} value={f.pelaporNama} onChange={(e) => setF({ ...f, pelaporNama: e.target.value })} />
          </label>
          <label>
            {t('bencana.penelusuran.pelaporHubungan')}
            <select value={f.pelaporHubungan} onChange={(e) => setF({ ...f, pelaporHubungan: e.target.value as HubunganPelapor })}>
              {HUBUNGAN_PELAPOR.map((h) => (
                <option key={h} value={h}>
                  {t(`bencana.penelusuran.hubungan.${h}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('bencana.penelusuran.pelaporKontak')}
            <input
              type="tel"
              inputMode="tel"
              maxLength={100}
              value={f.pelaporKontak}
              onChange={(e) => setF({ ...f, pelaporKontak: e.target.value })}
            />
          </label>
        </fieldset>
      )}
      {record.isError && (
        <p role="alert" className="error">
          {record.error.message}
        </p>
      )}
      <button type="submit" disabled={record.isPending} aria-busy={record.isPending}>
        {t('bencana.penelusuran.submit')}
      </button>
    </form>
  );
}

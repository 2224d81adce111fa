import { JENIS_BANTUAN, NILAI_BANTUAN_MAKSIMUM, type AffectedRecord, type DisasterRecord, type JenisBantuan } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordAid, type NewAid } from '../../api/disaster-tracing-queries.js';
import { useMe } from '../../api/queries.js';
import { workerToday } from '../../lib/format.js';
import { AidRecipientPicker } from './AidRecipientPicker.js';

/**
 * Aid handed over: to a person or their whole household, its kind, description, value and
 * quantity, the BAST number and who handed it over (me, by default). Through the outbox; the
 * server's refusal of a BAST number used for someone else is shown here, in its words.
 */
export function AidForm({ event, onDone }: { event: DisasterRecord; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const record = useRecordAid(event.id);
  const today = workerToday(me.wilayah);
  const [person, setPerson] = useState<AffectedRecord | null>(null);
  const [household, setHousehold] = useState(false);
  const [f, setF] = useState({
    jenis: 'permakanan' as JenisBantuan,
    uraian: '',
    nilaiRupiah: '',
    jumlah: '1',
    satuan: '',
    nomorBast: '',
    tanggal: today,
    diserahkanOleh: me.username,
  });
  const submit = () => {
    if (!person) return;
    const satuan = f.satuan.trim();
    const input: NewAid = {
      jenis: f.jenis,
      uraian: f.uraian.trim(),
      nilaiRupiah: Number(f.nilaiRupiah),
      jumlah: Number(f.jumlah) || 1,
      nomorBast: f.nomorBast.trim(),
      tanggal: f.tanggal,
      diserahkanOleh: f.diserahkanOleh.trim(),
      ...(satuan ? { satuan } : {}),
      ...(household && person.keluargaId ? { keluargaId: person.keluargaId } : { affectedId: person.id }),
    };
    const nama = household && person.keluargaId ? t('bencana.bantuan.household', { nama: person.nama }) : person.nama;
    record.mutate(input, {
      onSuccess: (outcome) => onDone(outcome.queued ? t('bencana.bantuan.queued', { nama }) : t('bencana.bantuan.saved', { nama })),
    });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t('bencana.bantuan.add')}</h3>
      <AidRecipientPicker event={event} value={person} onChange={(p) => (setPerson(p), setHousehold(false))} />
      {person?.keluargaId && (
        <label className="inline-check">
          <input type="checkbox" checked={household} onChange={(e) => setHousehold(e.target.checked)} />
          {t('bencana.bantuan.keluarga')}
        </label>
      )}
      <label>
        {t('bencana.bantuan.jenisLabel')}
        <select value={f.jenis} onChange={(e) => setF({ ...f, jenis: e.target.value as JenisBantuan })}>
          {JENIS_BANTUAN.map((j) => (
            <option key={j} value={j}>
              {t(`bencana.bantuan.jenis.${j}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bencana.bantuan.uraian')}
        <input required maxLength={500} value={f.uraian} onChange={(e) => setF({ ...f, uraian: e.target.value })} />
      </label>
      <div className="grid">
        <label>
          {t('bencana.bantuan.nilai')}
          <input
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={NILAI_BANTUAN_MAKSIMUM}
            step={1}
            value={f.nilaiRupiah}
            onChange={(e) => setF({ ...f, nilaiRupiah: e.target.value })}
          />
        </label>
        <label>
          {t('bencana.bantuan.jumlah')}
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            value={f.jumlah}
            onChange={(e) => setF({ ...f, jumlah: e.target.value })}
          />
        </label>
        <label>
          {t('bencana.bantuan.satuan')}
          <input maxLength={30} value={f.satuan} onChange={(e) => setF({ ...f, satuan: e.target.value })} />
        </label>
      </div>
      <label>
        {t('bencana.bantuan.bast')}
        <input
          required
          maxLength={100}
          autoComplete="off"
          aria-describedby="bast-hint"
          value={f.nomorBast}
          onChange={(e) => setF({ ...f, nomorBast: e.target.value })}
        />
      </label>
      <small id="bast-hint" className="muted">
        {t('bencana.bantuan.bastHint')}
      </small>
      <div className="grid">
        <label>
          {t('bencana.bantuan.tanggal')}
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
          {t('bencana.bantuan.diserahkanOleh')}
          <input required maxLength={200} value={f.diserahkanOleh} onChange={(e) => setF({ ...f, diserahkanOleh: e.target.value })} />
        </label>
      </div>
      {record.isError && (
        <p role="alert" className="error">
          {record.error.message}
        </p>
      )}
      <button type="submit" disabled={record.isPending || !person} aria-busy={record.isPending}>
        {t('bencana.bantuan.submit')}
      </button>
    </form>
  );
}

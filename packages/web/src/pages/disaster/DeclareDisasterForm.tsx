import { JENIS_BENCANA, type JenisBencana } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDeclareDisaster } from '../../api/disaster-queries.js';
import type { Me } from '../../api/types.js';
import { WilayahPicker } from '../../components/WilayahPicker.js';
import { workerToday } from '../../lib/format.js';
import { AreaName } from '../../components/AreaName.js';

/**
 * "Nyatakan kejadian": the direktorat anywhere, a koordinator inside their own area. Areas are
 * regencies, districts or villages, several of them, each picked with the area picker.
 */
export function DeclareDisasterForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const declare = useDeclareDisaster();
  const today = workerToday(me.wilayah);
  const [form, setForm] = useState({
    jenis: 'banjir' as JenisBencana,
    nama: '',
    mulai: today,
    status: 'tanggap_darurat' as 'siaga_darurat' | 'tanggap_darurat',
    keterangan: '',
  });
  const [areas, setAreas] = useState<string[]>([]);
  const [picked, setPicked] = useState('');
  // A fresh picker after each area added (it keeps its own path).
  const [pickerKey, setPickerKey] = useState(0);
  const add = () => {
    if (!picked) return;
    // An area inside one already listed, or containing one, replaces nothing silently: the wider one stays.
    setAreas((list) =>
      list.some((a) => picked === a || picked.startsWith(`${a}.`)) ? list : [...list.filter((a) => !a.startsWith(`${picked}.`)), picked],
    );
    setPicked('');
    setPickerKey((k) => k + 1);
  };
  return (
    <form
      className="declare-form"
      onSubmit={(e) => {
        e.preventDefault();
        const keterangan = form.keterangan.trim();
        declare.mutate(
          {
            jenis: form.jenis,
            nama: form.nama.trim(),
            mulai: form.mulai,
            status: form.status,
            wilayah: areas,
            ...(keterangan ? { keterangan } : {}),
          },
          {
            onSuccess: (event) => {
              onDone();
              navigate(`/bencana/${event.id}`);
            },
          },
        );
      }}
    >
      <h2>{t('bencana.declare.title')}</h2>
      <div className="grid">
        <label>
          {t('bencana.declare.jenis')}
          <select value={form.jenis} onChange={(e) => setForm({ ...form, jenis: e.target.value as JenisBencana })}>
            {JENIS_BENCANA.map((j) => (
              <option key={j} value={j}>
                {t(`bencana.jenis.${j}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bencana.declare.mulai')}
          <input type="date" required max={today} value={form.mulai} onChange={(e) => setForm({ ...form, mulai: e.target.value })} />
        </label>
      </div>
      <label>
        {t('bencana.declare.nama')}
        <input
          required
          minLength={3}
          maxLength={200}
          placeholder={t('bencana.declare.namaHint')}
          value={form.nama}
          onChange={(e) => setForm({ ...form, nama: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>{t('bencana.declare.areas')}</legend>
        <small className="muted">{t('bencana.declare.areasHint')}</small>
        {areas.length === 0 ? (
          <p className="muted">{t('bencana.declare.noAreas')}</p>
        ) : (
          <ul className="area-list">
            {areas.map((a) => (
              <li key={a}>
                <AreaName code={a} /> <small className="muted">{a}</small>
                <button
                  type="button"
                  className="secondary outline small"
                  onClick={() => setAreas(areas.filter((x) => x !== a))}
                  aria-label={t('bencana.declare.removeArea', { name: a })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <WilayahPicker key={pickerKey} value="" fixed={me.wilayah} pickFrom={1} onChange={setPicked} />
        <button type="button" className="secondary" disabled={!picked} onClick={add}>
          {t('bencana.declare.addArea')}
        </button>
      </fieldset>
      <label>
        {t('bencana.declare.status')}
        <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as typeof form.status })}>
          {(['siaga_darurat', 'tanggap_darurat'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`bencana.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bencana.declare.keterangan')}
        <textarea maxLength={4000} rows={3} value={form.keterangan} onChange={(e) => setForm({ ...form, keterangan: e.target.value })} />
      </label>
      {declare.isError && (
        <p role="alert" className="error">
          {declare.error.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={declare.isPending || areas.length === 0} aria-busy={declare.isPending}>
          {declare.isPending ? t('bencana.declare.saving') : t('bencana.declare.submit')}
        </button>
        <button type="button" className="secondary outline" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { FASILITAS_POSKO, JENIS_POSKO, type DisasterRecord, type FasilitasPosko, type JenisPosko } from '@tuntas/domain';
import { useState } from 'react';
import { AddToggle } from './AddToggle.js';
import { useTranslation } from 'react-i18next';
import { useAddShelter, useShelters } from '../../api/disaster-queries.js';
import { currentPosition } from '../../api/workforce-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber } from '../../lib/format.js';
import { AreaName } from '../../components/AreaName.js';
import { CheckList } from './DisasterBits.js';
import { EventVillagePicker } from './EventVillagePicker.js';

const EMPTY = {
  nama: '',
  jenis: 'pengungsian' as JenisPosko,
  kodeDesa: '',
  kapasitas: '',
  fasilitas: [] as FasilitasPosko[],
  kebutuhan: '',
};

/** A new shelter or post: its place (village and the phone's GPS), capacity, facilities and needs. */
function ShelterForm({ event, onDone }: { event: DisasterRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddShelter(event.id);
  const [f, setF] = useState(EMPTY);
  const [gps, setGps] = useState<{ lat: number; lng: number; accuracy: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [gpsFailed, setGpsFailed] = useState(false);
  const locate = async () => {
    setLocating(true);
    setGpsFailed(false);
    try {
      setGps(await currentPosition());
    } catch {
      setGpsFailed(true);
    } finally {
      setLocating(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const kebutuhan = f.kebutuhan.trim();
        add.mutate(
          {
            nama: f.nama.trim(),
            jenis: f.jenis,
            kodeDesa: f.kodeDesa,
            kapasitas: Number(f.kapasitas),
            fasilitas: f.fasilitas,
            ...(gps ? { lat: gps.lat, lng: gps.lng } : {}),
            ...(kebutuhan ? { kebutuhan } : {}),
          },
          {
            onSuccess: () => {
              setF(EMPTY);
              setGps(null);
              onDone();
            },
          },
        );
      }}
    >
      <h3>{t('bencana.posko.add')}</h3>
      <label>
        {t('bencana.posko.nama')}
        <input required minLength={2} maxLength={200} value={f.nama} onChange={(e) => setF({ ...f, nama: e.target.value })} />
      </label>
      <div className="grid">
        <label>
          {t('bencana.posko.jenis')}
          <select value={f.jenis} onChange={(e) => setF({ ...f, jenis: e.target.value as JenisPosko })}>
            {JENIS_POSKO.map((j) => (
              <option key={j} value={j}>
                {t(`bencana.jenisPosko.${j}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bencana.posko.kapasitas')}
          <input
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={1000000}
            value={f.kapasitas}
            onChange={(e) => setF({ ...f, kapasitas: e.target.value })}
          />
        </label>
      </div>
      <fieldset>
        <legend>{t('bencana.posko.desa')}</legend>
        <EventVillagePicker areas={event.wilayah} value={f.kodeDesa} onChange={(kodeDesa) => setF((x) => ({ ...x, kodeDesa }))} />
      </fieldset>
      <fieldset>
        <legend>{t('bencana.posko.gps')}</legend>
        <p data-testid="shelter-gps">
          {gps
            ? t('bencana.posko.gpsValue', { lat: gps.lat.toFixed(5), lng: gps.lng.toFixed(5), accuracy: gps.accuracy })
            : t('bencana.posko.noGps')}
        </p>
        <button type="button" className="secondary" onClick={() => void locate()} disabled={locating} aria-busy={locating}>
          {locating ? t('bencana.posko.locating') : t('bencana.posko.useGps')}
        </button>
        {gpsFailed && <p className="warning">{t('bencana.posko.gpsFailed')}</p>}
      </fieldset>
      <CheckList
        legend={t('bencana.posko.fasilitas')}
        values={FASILITAS_POSKO}
        label={(v) => t(`bencana.fasilitas.${v}`)}
        chosen={f.fasilitas}
        onChange={(fasilitas) => setF({ ...f, fasilitas })}
      />
      <label>
        {t('bencana.posko.kebutuhan')}
        <textarea rows={2} maxLength={2000} value={f.kebutuhan} onChange={(e) => setF({ ...f, kebutuhan: e.target.value })} />
      </label>
      {add.isError && (
        <p role="alert" className="error">
          {add.error.message}
        </p>
      )}
      <button type="submit" disabled={add.isPending || !f.kodeDesa} aria-busy={add.isPending}>
        {t('bencana.posko.submit')}
      </button>
    </form>
  );
}

/** Posko: the event's shelters with occupancy against capacity, and the form to add one. */
export function SheltersPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const shelters = useShelters(event.id);
  return (
    <>
      <h2>{t('bencana.posko.title')}</h2>
      <QueryStatus query={shelters} isEmpty={(d) => d.length === 0} empty={<p>{t('bencana.posko.none')}</p>}>
        {(rows) => (
          <ul className="plain-list">
            {rows.map((s) => (
              <li key={s.id} data-testid="shelter">
                <strong>{s.nama}</strong> <small className="muted">{t(`bencana.jenisPosko.${s.jenis}`)}</small>
                <br />
                {t('bencana.posko.occupancy', { penghuni: formatNumber(s.penghuni), kapasitas: formatNumber(s.kapasitas) })}
                {s.melebihiKapasitas && <mark className="late">{t('bencana.posko.over')}</mark>} · <AreaName code={s.kodeDesa} />
                {s.lat !== null && s.lng !== null && (
                  <>
                    {' '}
                    ·{' '}
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${s.lat}&mlon=${s.lng}#map=16/${s.lat}/${s.lng}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t('bencana.posko.map')}
                    </a>
                  </>
                )}
                {s.fasilitas.length > 0 && (
                  <>
                    <br />
                    <small>{s.fasilitas.map((x) => t(`bencana.fasilitas.${x}`)).join(', ')}</small>
                  </>
                )}
                {s.kebutuhan && (
                  <>
                    <br />
                    <small className="warning">{s.kebutuhan}</small>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {event.tindakan.posko && (
        <AddToggle
          label={t('bencana.posko.add')}
          savedText={t('bencana.posko.saved')}
          form={(onDone) => <ShelterForm event={event} onDone={onDone} />}
        />
      )}
    </>
  );
}

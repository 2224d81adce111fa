import { KELOMPOK_RENTAN, type DisasterRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sitrepDocument, useSitrep } from '../../api/disaster-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, workerToday } from '../../lib/format.js';
import { formatRupiah } from '../../lib/rupiah.js';
import { SitrepMap } from './SitrepMap.js';

function Tile({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <article className="kpi" data-testid={testId}>
      <small>{label}</small>
      <strong className="big-number">{formatNumber(value)}</strong>
    </article>
  );
}

/** Situasi: the day's situation report, computed by the server, never typed; with its PDF and XLSX. */
export function SitrepPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  // The event's own day (its first area's time zone), not the viewer's.
  const today = workerToday(event.wilayah[0] ?? null);
  const [tanggal, setTanggal] = useState(today);
  const sitrep = useSitrep(event.id, tanggal);
  return (
    <>
      <h2>{t('bencana.sitrep.title')}</h2>
      <div className="sitrep-bar">
        <label>
          {t('bencana.sitrep.day')}
          <input
            type="date"
            min={event.mulai}
            max={event.selesai ?? today}
            value={tanggal}
            onChange={(e) => e.target.value && setTanggal(e.target.value)}
          />
        </label>
        <a role="button" className="secondary" href={sitrepDocument(event.id, tanggal, 'pdf')} download>
          {t('bencana.sitrep.pdf')}
        </a>
        <a role="button" className="secondary outline" href={sitrepDocument(event.id, tanggal, 'xlsx')} download>
          {t('bencana.sitrep.xlsx')}
        </a>
      </div>
      <QueryStatus query={sitrep} isEmpty={() => false} empty={null}>
        {(s) => {
          const maxShelter = Math.max(1, ...s.shelters.map((x) => Math.max(x.penghuni, x.kapasitas)));
          return (
            <>
              <div className="kpis sitrep-tiles">
                <Tile testId="sitrep-terdampak" label={t('bencana.sitrep.terdampak')} value={s.terdampak} />
                <Tile testId="sitrep-mengungsi" label={t('bencana.sitrep.mengungsi')} value={s.mengungsi} />
                <Tile testId="sitrep-luka" label={t('bencana.sitrep.luka')} value={s.luka} />
                <Tile testId="sitrep-meninggal" label={t('bencana.sitrep.meninggal')} value={s.meninggal} />
                <Tile testId="sitrep-hilang" label={t('bencana.sitrep.hilang')} value={s.hilang} />
                <Tile testId="sitrep-bertugas" label={t('bencana.sitrep.bertugas')} value={s.pendampingBertugas} />
                <Tile testId="sitrep-kasus" label={t('bencana.sitrep.kasus')} value={s.kasusDibuka} />
              </div>
              <h3>{t('bencana.sitrep.ldp')}</h3>
              <p data-testid="sitrep-ldp">
                {t('bencana.sitrep.ldpLine', { sesi: formatNumber(s.ldp.sesi), peserta: formatNumber(s.ldp.peserta) })}
              </p>
              <h3>{t('bencana.sitrep.penelusuran')}</h3>
              <p data-testid="sitrep-penelusuran">
                {t('bencana.sitrep.penelusuranLine', {
                  terbuka: formatNumber(s.penelusuran.terbuka),
                  cocok: formatNumber(s.penelusuran.cocok),
                  dipersatukan: formatNumber(s.penelusuran.dipersatukan),
                  ditutup: formatNumber(s.penelusuran.ditutup),
                })}
              </p>
              <h3>{t('bencana.sitrep.bantuan')}</h3>
              <p data-testid="sitrep-bantuan">
                {t('bencana.bantuan.summary', {
                  penyaluran: formatNumber(s.bantuan.penyaluran),
                  penerima: formatNumber(s.bantuan.penerima),
                  nilai: formatRupiah(s.bantuan.nilaiRupiah),
                })}
              </p>
              <h3>{t('bencana.sitrep.rentan')}</h3>
              <table className="compact">
                <tbody>
                  {KELOMPOK_RENTAN.map((k) => (
                    <tr key={k}>
                      <th scope="row">{t(`bencana.rentan.${k}`)}</th>
                      <td>{formatNumber(s.kelompokRentan[k] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('bencana.sitrep.shelters')}</h3>
              {s.shelters.length > 0 && <SitrepMap disasterId={event.id} shelters={s.shelters} />}
              {s.shelters.length === 0 ? (
                <p className="muted">{t('bencana.sitrep.noShelters')}</p>
              ) : (
                <ul className="plain-list">
                  {s.shelters.map((x) => {
                    const over = x.penghuni > x.kapasitas;
                    return (
                      <li key={x.id} data-testid="sitrep-shelter">
                        <strong>{x.nama}</strong> ·{' '}
                        {t('bencana.sitrep.occupancy', { penghuni: formatNumber(x.penghuni), kapasitas: formatNumber(x.kapasitas) })}
                        {over && <mark className="late">{t('bencana.sitrep.over')}</mark>}
                        <span className="bar-track">
                          <span className={`bar${over ? ' over' : ''}`} style={{ width: `${(x.penghuni / maxShelter) * 100}%` }} />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </>
          );
        }}
      </QueryStatus>
    </>
  );
}

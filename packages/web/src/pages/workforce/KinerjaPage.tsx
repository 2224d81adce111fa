import type { PerformanceRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../api/queries.js';
import { usePerformance } from '../../api/workforce-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, workerToday } from '../../lib/format.js';
import { DevelopmentHoursLine } from '../training/DevelopmentHoursLine.js';
import { AdjustForm, BehaviourForm, usePeriodeName } from './SkpRatingForms.js';
import { TableScroll } from '../../components/TableScroll.js';

function Spark({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  return (
    <span className="spark" aria-hidden="true">
      {values.map((v, i) => (
        <span key={i} style={{ height: `${Math.max(2, (v / max) * 100)}%` }} title={String(v)} />
      ))}
    </span>
  );
}

function IndicatorTable({ perf, kelompok }: { perf: PerformanceRecord; kelompok: 'hasil_kerja' | 'disiplin' }) {
  const { t } = useTranslation();
  return (
    <TableScroll>
      <table data-kelompok={kelompok}>
        <caption>{t(`kerja.skp.kelompok.${kelompok}`)}</caption>
        <thead>
          <tr>
            <th>{t('kerja.kinerja.indicator')}</th>
            <th>{t('kerja.kinerja.target')}</th>
            <th>{t('kerja.kinerja.realisasi')}</th>
            <th>{t('kerja.kinerja.capaian')}</th>
            <th>{t('kerja.kinerja.monthly')}</th>
          </tr>
        </thead>
        <tbody>
          {perf.indikator
            .filter((i) => i.kelompok === kelompok)
            .map((i) => (
              <tr key={i.kode} data-indicator={i.kode}>
                <td>
                  {i.nama}
                  <br />
                  <small className="muted">{i.hasilKerja}</small>
                </td>
                <td>
                  {formatNumber(i.target)} {i.satuan}
                </td>
                <td>{formatNumber(i.realisasi)}</td>
                <td>
                  {formatNumber(i.capaian)}%
                  <span className="bar-track">
                    <span className={`bar${i.rating === 'di_bawah' ? ' under' : ''}`} style={{ width: `${Math.min(100, i.capaian)}%` }} />
                  </span>
                  <small>{t(`kerja.rating.${i.rating}`)}</small>
                </td>
                <td>
                  <Spark values={i.bulanan.slice(0, Math.max(1, perf.bulanDinilai))} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function monthsBegun(year: number, today: string): number {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return year < y ? 12 : year > y ? 0 : m;
}

/** Targets against realisation computed from the work itself, the ratings and the predikat. */
export default function KinerjaPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  // The year where the user works (workerToday), not the device clock's: they differ around New Year.
  const thisYear = Number(workerToday(useMe().data?.wilayah ?? null).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const perf = usePerformance(userId, year);
  const periodeName = usePeriodeName();
  return (
    <section>
      <h1>{t('kerja.kinerja.title', { year })}</h1>
      <label>
        <select value={year} onChange={(e) => setYear(Number(e.target.value))} aria-label={t('dasbor.year')}>
          {[0, 1, 2]
            .map((d) => thisYear - d)
            .map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
        </select>
      </label>
      <DevelopmentHoursLine userId={userId} year={year} />
      <QueryStatus query={perf} isEmpty={() => false} empty={null}>
        {(p) => (
          <>
            <p>
              {t('kerja.kinerja.of', { name: p.nama ?? p.username, wilayah: p.wilayah })}
              <br />
              <small className="muted">{t('kerja.kinerja.evaluated', { months: p.bulanDinilai })}</small>
            </p>
            <div className="grid">
              <article>
                <small>{t('kerja.kinerja.hasilKerja')}</small>
                <p>
                  <strong data-testid="hasil-kerja">{t(`kerja.rating.${p.hasilKerja}`)}</strong>
                </p>
                {p.penyesuaian && (
                  <small>
                    {t('kerja.skp.adjusted', { rating: t(`kerja.rating.${p.hasilKerjaDihitung}`) })} {p.penyesuaian.alasan}
                  </small>
                )}
              </article>
              <article>
                <small>{t('kerja.kinerja.perilaku')}</small>
                <p>
                  <strong>{p.perilaku ? t(`kerja.rating.${p.perilaku}`) : t('kerja.kinerja.notRated')}</strong>
                </p>
                {p.perilakuPeriode.length > 0 && (
                  <small data-testid="perilaku-periode">
                    {p.perilakuPeriode.map((b) => `${periodeName(b.periode)}: ${t(`kerja.rating.${b.rating}`)}`).join(' · ')}
                  </small>
                )}
              </article>
              <article>
                <small>{t('kerja.kinerja.predikat')}</small>
                <p>
                  <strong data-testid="predikat">{p.predikat ? t(`kerja.predikat.${p.predikat}`) : '—'}</strong>
                </p>
              </article>
            </div>
            <IndicatorTable perf={p} kelompok="hasil_kerja" />
            <IndicatorTable perf={p} kelompok="disiplin" />
            <p className="muted">{t('kerja.skp.disciplineNote')}</p>
            <p>
              <a href={`/api/v1/performance/${p.userId}/sheet.pdf?year=${year}`} download>
                {t('kerja.kinerja.sheet')}
              </a>
            </p>
            {p.bolehDinilai && (
              <>
                <AdjustForm key={`adjust-${p.userId}-${year}`} perf={p} year={year} />
                <BehaviourForm
                  key={`behaviour-${p.userId}-${year}`}
                  perf={p}
                  year={year}
                  currentMonth={monthsBegun(year, workerToday(p.wilayah))}
                />
              </>
            )}
          </>
        )}
      </QueryStatus>
    </section>
  );
}

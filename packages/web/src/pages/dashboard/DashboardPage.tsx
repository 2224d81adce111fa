import { CASE_STATUSES, type DashboardOverview } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDashboard } from '../../api/dashboard-queries.js';
import { useMe, usePpks } from '../../api/queries.js';
import { AreaName } from '../../components/AreaName.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, formatTime } from '../../lib/format.js';
import { ActiveDisasters } from './ActiveDisasters.js';
import { TileMap } from './TileMap.js';
import { TrendChart } from './TrendChart.js';
import { TableScroll } from '../../components/TableScroll.js';

type Indicator = 'tingkatPenyelesaian' | 'total' | 'terlambat';

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <article className="kpi">
      <small>{label}</small>
      <strong className="big-number">{value}</strong>
      {hint && <small className="muted">{hint}</small>}
    </article>
  );
}

/** From the caller's own scope (Indonesia, or their province) down to the level shown, each a link back up. */
function Breadcrumb({ root, wilayah, nama }: { root: string | null; wilayah: string | null; nama: string }) {
  const { t } = useTranslation();
  if (wilayah === root) return null;
  const province = root === null && wilayah !== null && wilayah.length === 5 ? wilayah.slice(0, 2) : null;
  return (
    <nav aria-label={t('dasbor.breadcrumb')}>
      <ul>
        <li>
          <Link to="/dasbor">{root === null ? t('dasbor.national') : <AreaName code={root} />}</Link>
        </li>
        {province && (
          <li>
            <Link to={`/dasbor?wilayah=${province}`}>
              <AreaName code={province} />
            </Link>
          </li>
        )}
        <li>{nama}</li>
      </ul>
    </nav>
  );
}

function Body({ d, indicator, onPick }: { d: DashboardOverview; indicator: Indicator; onPick: (kode: string) => void }) {
  const { t } = useTranslation();
  const ppks = usePpks().data ?? [];
  const ppksName = new Map(ppks.map((p) => [p.kode, p.nama]));
  const pct = (n: number) => `${formatNumber(n)}%`;
  const format = indicator === 'tingkatPenyelesaian' ? pct : formatNumber;
  const values = Object.fromEntries(d.anak.map((a) => [a.kode, a[indicator]]));
  const maxValue = Math.max(1, ...d.anak.map((a) => a[indicator]));
  return (
    <>
      <ul className="funnel">
        {CASE_STATUSES.map((s) => (
          <li key={s} className={`status-${s}`}>
            <span className="funnel-link">
              <span className="big-number">{formatNumber(d.funnel[s])}</span>
              <span>{t(`status.${s}`)}</span>
            </span>
          </li>
        ))}
      </ul>
      <div className="kpis">
        <Kpi label={t('dasbor.resolutionRate')} value={pct(d.tingkatPenyelesaian)} />
        <Kpi label={t('dasbor.median')} value={d.medianHari === null ? '–' : t('dasbor.days', { count: d.medianHari })} />
        <Kpi label={t('dasbor.overdue')} value={formatNumber(d.terlambat)} />
        <Kpi
          label={t('dasbor.caseload')}
          value={formatNumber(d.bebanKasus.rataRata)}
          hint={t('dasbor.overMax', { count: d.bebanKasus.diAtasMaksimum, maksimum: d.bebanKasus.maksimum })}
        />
        <Kpi label={t('dasbor.pending')} value={formatNumber(d.tenagaKerja.kegiatanMenunggu)} />
        <Kpi
          label={t('dasbor.referrals')}
          value={formatNumber(d.rujukan.menunggu)}
          hint={t('dasbor.referralsLate', { count: d.rujukan.terlambat, formatted: formatNumber(d.rujukan.terlambat) })}
        />
        <Kpi
          label={t('dasbor.attendance')}
          value={d.tenagaKerja.tingkatKehadiranBulanIni === null ? '–' : pct(d.tenagaKerja.tingkatKehadiranBulanIni)}
        />
      </div>

      {d.tingkatAnak === 'provinsi' && (
        <section>
          <h2>{t('dasbor.map', { indicator: t(`dasbor.indicators.${indicator}`) })}</h2>
          <TileMap
            values={values}
            names={Object.fromEntries(d.anak.map((a) => [a.kode, a.nama]))}
            label={t('dasbor.map', { indicator: t(`dasbor.indicators.${indicator}`) })}
            format={format}
            onPick={onPick}
          />
        </section>
      )}
      {d.anak.length > 0 && (
        <section>
          <h2>{t('dasbor.areas')}</h2>
          <p className="muted">{t('dasbor.drillHint')}</p>
          <TableScroll>
            <table>
              <thead>
                <tr>
                  <th>{t('dasbor.area')}</th>
                  <th>{t(`dasbor.indicators.${indicator}`)}</th>
                  {CASE_STATUSES.map((s) => (
                    <th key={s}>{t(`status.${s}`)}</th>
                  ))}
                  <th>{t('dasbor.indicators.terlambat')}</th>
                </tr>
              </thead>
              <tbody>
                {[...d.anak]
                  .sort((a, b) => b[indicator] - a[indicator])
                  .map((a) => (
                    <tr key={a.kode}>
                      <td>
                        <Link to={`/dasbor?wilayah=${a.kode}`} onClick={() => onPick(a.kode)}>
                          {a.nama}
                        </Link>
                      </td>
                      <td>
                        {format(a[indicator])}
                        <span className="bar-track">
                          <span className="bar" style={{ width: `${(a[indicator] / maxValue) * 100}%` }} />
                        </span>
                      </td>
                      {CASE_STATUSES.map((s) => (
                        <td key={s}>{formatNumber(a[s])}</td>
                      ))}
                      <td>{formatNumber(a.terlambat)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}

      <section>
        <h2>{t('dasbor.trend')}</h2>
        <TrendChart rows={d.tren} />
      </section>

      <section>
        <section>
          <h2>{t('dasbor.byCategory')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('dasbor.category')}</th>
                <th>{t('dasbor.indicators.total')}</th>
                <th>{t('status.terselesaikan')}</th>
                <th>{t('dasbor.median')}</th>
              </tr>
            </thead>
            <tbody>
              {d.ppks.map((p) => (
                <tr key={p.kode}>
                  <td>{ppksName.get(p.kode) ?? p.kode}</td>
                  <td>{formatNumber(p.total)}</td>
                  <td>{formatNumber(p.terselesaikan)}</td>
                  <td>{p.medianHari === null ? '–' : formatNumber(p.medianHari)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>{t('dasbor.backlog')}</h2>
          <table>
            <tbody>
              {d.backlog.map((b) => (
                <tr key={b.umur}>
                  <th scope="row">{b.umur}</th>
                  <td>
                    {formatNumber(b.aktif)}
                    <span className="bar-track">
                      <span className="bar" style={{ width: `${(b.aktif / Math.max(1, ...d.backlog.map((x) => x.aktif))) * 100}%` }} />
                    </span>
                  </td>
                  <td>
                    <small>
                      {formatNumber(b.terlambat)} {t('dasbor.indicators.terlambat').toLowerCase()}
                    </small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.backlogDiperbarui && <p className="muted">{t('dasbor.updated', { time: formatTime(d.backlogDiperbarui, d.wilayah) })}</p>}
        </section>
      </section>
    </>
  );
}

/** The directorate's and the koordinator's numbers: a level at a time, drilling down by click. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const wilayah = params.get('wilayah') ?? undefined;
  const ppks = params.get('ppks') ?? undefined;
  // The period shapes the trend and the median days to resolution; counts are always as of now.
  const dari = params.get('dari') ?? undefined;
  const sampai = params.get('sampai') ?? undefined;
  const [indicator, setIndicator] = useState<Indicator>('tingkatPenyelesaian');
  const overview = useDashboard({ wilayah, ppks, dari, sampai });
  const categories = usePpks().data ?? [];
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <section>
      <h1>{t('dasbor.title', { nama: overview.data?.nama ?? '' })}</h1>
      {overview.data && <Breadcrumb root={me.wilayah} wilayah={overview.data.wilayah} nama={overview.data.nama} />}
      <div className="grid">
        <label>
          {t('dasbor.category')}
          <select value={ppks ?? ''} onChange={(e) => set('ppks', e.target.value || undefined)}>
            <option value="">{t('dasbor.allCategories')}</option>
            {categories.map((p) => (
              <option key={p.kode} value={p.kode}>
                {p.nama}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dasbor.from')}
          <input type="month" value={dari ?? ''} max={sampai} onChange={(e) => set('dari', e.target.value || undefined)} />
        </label>
        <label>
          {t('dasbor.to')}
          <input type="month" value={sampai ?? ''} min={dari} onChange={(e) => set('sampai', e.target.value || undefined)} />
        </label>
        <label>
          {t('dasbor.indicator')}
          <select value={indicator} onChange={(e) => setIndicator(e.target.value as Indicator)}>
            {(['tingkatPenyelesaian', 'total', 'terlambat'] as const).map((i) => (
              <option key={i} value={i}>
                {t(`dasbor.indicators.${i}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p>
        <Link to="/laporan">{t('dasbor.reports')} →</Link>
      </p>
      {me.role === 'direktorat' && <ActiveDisasters />}
      <QueryStatus query={overview} isEmpty={() => false} empty={null}>
        {(d) => <Body d={d} indicator={indicator} onPick={(kode) => set('wilayah', kode)} />}
      </QueryStatus>
    </section>
  );
}

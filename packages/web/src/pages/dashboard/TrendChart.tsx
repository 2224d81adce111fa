import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll.js';
import { formatMonth, formatNumber } from '../../lib/format.js';

export type TrendRow = { bulan: string; dibuat: number; terselesaikan: number; ditutup: number };

// The chart library comes with the chart, not with the Dasbor's first paint.
const TrendBars = lazy(() => import('./TrendBars.js'));

/**
 * Opened against resolved per month: two bars a month, the gap is the backlog growing or
 * shrinking (TrendBars, Chart.js), and the same numbers as a table a tap away (for a screen
 * reader, or to copy). The chart's box keeps its height while the library loads.
 */
export function TrendChart({ rows }: { rows: TrendRow[] }) {
  const { t } = useTranslation();
  return (
    <figure>
      <Suspense fallback={<div className="trend-chart" aria-busy="true" />}>
        <TrendBars rows={rows} />
      </Suspense>
      <details>
        <summary>{t('dasbor.trendTable')}</summary>
        <TableScroll label={t('dasbor.trend')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dasbor.month')}</th>
                <th scope="col">{t('dasbor.opened')}</th>
                <th scope="col">{t('status.terselesaikan')}</th>
                <th scope="col">{t('status.ditutup')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bulan}>
                  <th scope="row">{formatMonth(r.bulan)}</th>
                  <td>{formatNumber(r.dibuat)}</td>
                  <td>{formatNumber(r.terselesaikan)}</td>
                  <td>{formatNumber(r.ditutup)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}

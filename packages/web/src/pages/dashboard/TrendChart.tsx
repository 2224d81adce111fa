import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll.js';
import { formatMonth, formatNumber } from '../../lib/format.js';

type Row = { bulan: string; dibuat: number; terselesaikan: number; ditutup: number };

/** A round top for the value axis (1, 2, 5 × 10ⁿ) and its three ticks. */
function axis(max: number): number[] {
  const raw = Math.max(1, max);
  const p = 10 ** Math.floor(Math.log10(raw));
  const top = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw)!;
  return [0, top / 2, top];
}

/**
 * Opened against resolved per month: two bars a month, the gap is the backlog growing or
 * shrinking. A value axis with round ticks, month names under the bars, each bar's number on
 * hover, and the same numbers as a table a tap away (for a screen reader, or to copy).
 */
export function TrendChart({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const ticks = axis(Math.max(0, ...rows.flatMap((r) => [r.dibuat, r.terselesaikan])));
  const top = ticks.at(-1)!;
  const left = 40;
  const w = 34;
  const h = 140;
  const y = (v: number) => 8 + h - (v / top) * h;
  const width = left + Math.max(1, rows.length) * w;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${h + 30}`}
        role="img"
        aria-label={t('dasbor.trend')}
        className="trend-chart"
        style={{ width: '100%', maxHeight: 260 }}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={width} y1={y(v)} y2={y(v)} stroke="#c9d6d6" strokeWidth={0.6} />
            <text x={left - 4} y={y(v) + 3} textAnchor="end" fontSize={8} fill="#35494a">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => (
          <g key={r.bulan} transform={`translate(${left + i * w},0)`}>
            <rect x={4} y={y(r.dibuat)} width={12} height={y(0) - y(r.dibuat)} fill="#7fbcbc">
              <title>{`${formatMonth(r.bulan)} · ${t('dasbor.opened')}: ${formatNumber(r.dibuat)}`}</title>
            </rect>
            <rect x={17} y={y(r.terselesaikan)} width={12} height={y(0) - y(r.terselesaikan)} fill="#0f6e6e">
              <title>{`${formatMonth(r.bulan)} · ${t('status.terselesaikan')}: ${formatNumber(r.terselesaikan)}`}</title>
            </rect>
            <text x={w / 2} y={h + 22} textAnchor="middle" fontSize={8} fill="#35494a">
              {formatMonth(r.bulan, 'short')}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        <span>
          <i style={{ background: '#7fbcbc' }} /> {t('dasbor.opened')}
        </span>
        <span>
          <i style={{ background: '#0f6e6e' }} /> {t('status.terselesaikan')}
        </span>
      </figcaption>
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

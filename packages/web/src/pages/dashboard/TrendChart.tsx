import { useTranslation } from 'react-i18next';
import { formatMonth, formatNumber } from '../../lib/format.js';

/** Opened against resolved per month: two bars a month, the gap is the backlog growing or shrinking. */
export function TrendChart({ rows }: { rows: Array<{ bulan: string; dibuat: number; terselesaikan: number; ditutup: number }> }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.flatMap((r) => [r.dibuat, r.terselesaikan]));
  const w = 28;
  const h = 120;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${Math.max(1, rows.length) * w} ${h + 18}`}
        role="img"
        aria-label={t('dasbor.trend')}
        style={{ width: '100%', maxHeight: 220 }}
      >
        {rows.map((r, i) => (
          <g key={r.bulan} transform={`translate(${i * w},0)`}>
            <rect x={3} y={h - (r.dibuat / max) * h} width={10} height={(r.dibuat / max) * h} fill="#7fbcbc">
              <title>{`${formatMonth(r.bulan)} · ${t('dasbor.opened')}: ${formatNumber(r.dibuat)}`}</title>
            </rect>
            <rect x={14} y={h - (r.terselesaikan / max) * h} width={10} height={(r.terselesaikan / max) * h} fill="#0f6e6e">
              <title>{`${formatMonth(r.bulan)} · ${t('status.terselesaikan')}: ${formatNumber(r.terselesaikan)}`}</title>
            </rect>
            <text x={w / 2} y={h + 12} textAnchor="middle" fontSize={8}>
              {r.bulan.slice(5)}/{r.bulan.slice(2, 4)}
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
    </figure>
  );
}

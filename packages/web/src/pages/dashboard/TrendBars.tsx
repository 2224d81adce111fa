import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth, formatNumber } from '../../lib/format.js';
import type { TrendRow } from './TrendChart.js';

// Only what a bar chart needs: Chart.js is tree-shaken to these, in the Dasbor's own chunk.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const OPENED = '#5e9e9e';
const RESOLVED = '#0f6e6e';

/**
 * Opened against resolved per month, drawn by Chart.js (a maintained charting library): value
 * axis with round ticks in the reader's number format, month names, each bar's number on hover
 * or tap, a legend. The canvas is one image to a screen reader; the table beside it holds the numbers.
 */
export default function TrendBars({ rows }: { rows: TrendRow[] }) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: rows.map((r) => formatMonth(r.bulan, 'short')),
        datasets: [
          { label: t('dasbor.opened'), data: rows.map((r) => r.dibuat), backgroundColor: OPENED },
          { label: t('status.terselesaikan'), data: rows.map((r) => r.terselesaikan), backgroundColor: RESOLVED },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: i18n.language === 'en' ? 'en-GB' : 'id-ID',
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 5, callback: (v) => formatNumber(Number(v)) } },
          x: { grid: { display: false } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, color: '#35494a' } },
          tooltip: {
            callbacks: {
              title: (items) => formatMonth(rows[items[0]!.dataIndex]!.bulan),
              label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y ?? 0)}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [rows, t, i18n.language]);
  return (
    <div className="trend-chart">
      <canvas ref={canvas} role="img" aria-label={t('dasbor.trend')} />
    </div>
  );
}

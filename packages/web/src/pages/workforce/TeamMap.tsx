import type { TeamDayRow } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { kmText } from '../../lib/format.js';

/**
 * Today's check-ins against duty locations, projected flat (equirectangular) over the team's own
 * extent: no map tiles to download on a weak signal, and enough to see who is far afield.
 */
export function TeamMap({ rows }: { rows: TeamDayRow[] }) {
  const { t } = useTranslation();
  const points = rows.flatMap((r) => [...(r.lokasiTugas ? [r.lokasiTugas] : []), ...(r.presensi?.masuk ? [r.presensi.masuk] : [])]);
  if (points.length === 0) return null;
  const pad = 0.05;
  const minLat = Math.min(...points.map((p) => p.lat)) - pad;
  const maxLat = Math.max(...points.map((p) => p.lat)) + pad;
  const minLng = Math.min(...points.map((p) => p.lng)) - pad;
  const maxLng = Math.max(...points.map((p) => p.lng)) + pad;
  const width = 320;
  const height = Math.max(160, Math.min(320, (width * (maxLat - minLat)) / (maxLng - minLng)));
  const x = (lng: number) => ((lng - minLng) / (maxLng - minLng)) * width;
  const y = (lat: number) => ((maxLat - lat) / (maxLat - minLat)) * height;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('kerja.tim.map')}
        style={{ width: '100%', background: '#eef5f5', borderRadius: 8 }}
      >
        {rows.map((r) => (
          <g key={r.userId}>
            {r.lokasiTugas && (
              <circle cx={x(r.lokasiTugas.lng)} cy={y(r.lokasiTugas.lat)} r={7} fill="none" stroke="#0f6e6e" strokeWidth={1.5} />
            )}
            {r.presensi?.masuk && (
              <circle cx={x(r.presensi.masuk.lng)} cy={y(r.presensi.masuk.lat)} r={4} fill={r.presensi.jauh ? '#b3261e' : '#0f6e6e'}>
                <title>{`${r.nama ?? r.username}${r.presensi.masuk.jarakKm !== null ? ` · ${kmText(r.presensi.masuk.jarakKm)} km` : ''}`}</title>
              </circle>
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <small>{t('kerja.tim.mapNote')}</small>
      </figcaption>
    </figure>
  );
}

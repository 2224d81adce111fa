import type { TeamDayRow } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { formatNumber, kmText } from '../../lib/format.js';

const WIDTH = 480;
const KM_PER_DEGREE = 111.32;
/** Round lengths a scale bar may take, in km. */
const SCALE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
const TEAL = '#0f6e6e';
const SCALE_STRIP = 26;
const RED = '#b3261e';

/** Grid lines every `step` degrees inside [min, max]. */
function ticks(min: number, max: number): number[] {
  const span = max - min;
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2].find((s) => span / s <= 8) ?? 5;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(Number(v.toFixed(2)));
  return out;
}

/**
 * Today's check-ins against duty locations over the team's own extent, drawn without map tiles or
 * boundary shapes (nothing to download on a weak signal; no boundary source of the 38 provinces is
 * bundled): a degree grid and a scale in km, each check-in joined to its duty location, and the
 * names of those checked in outside their radius. The lists under the map carry the same people.
 */
export function TeamMap({ rows }: { rows: TeamDayRow[] }) {
  const { t } = useTranslation();
  const points = rows.flatMap((r) => [...(r.lokasiTugas ? [r.lokasiTugas] : []), ...(r.presensi?.masuk ? [r.presensi.masuk] : [])]);
  if (points.length === 0) return null;
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  // A margin of a twentieth of the extent (at least 0.05°), so no ring is cut by the edge.
  const padLat = Math.max(0.05, (Math.max(...lats) - Math.min(...lats)) / 20);
  const padLng = Math.max(0.05, (Math.max(...lngs) - Math.min(...lngs)) / 20);
  const minLat = Math.min(...lats) - padLat;
  const maxLat = Math.max(...lats) + padLat;
  const minLng = Math.min(...lngs) - padLng;
  const maxLng = Math.max(...lngs) + padLng;
  // A degree of longitude shrinks with the cosine of the latitude (equirectangular at the middle).
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanKmX = (maxLng - minLng) * KM_PER_DEGREE * cos;
  const spanKmY = (maxLat - minLat) * KM_PER_DEGREE;
  const height = Math.round(Math.max(220, Math.min(480, (WIDTH * spanKmY) / spanKmX)));
  const x = (lng: number) => ((lng - minLng) / (maxLng - minLng)) * WIDTH;
  const y = (lat: number) => ((maxLat - lat) / (maxLat - minLat)) * height;
  const pxPerKm = WIDTH / spanKmX;
  const scaleKm = [...SCALE_STEPS].reverse().find((km) => km * pxPerKm <= WIDTH / 4) ?? SCALE_STEPS[0]!;
  const far = rows.filter((r) => r.presensi?.masuk && r.presensi.jauh);
  return (
    <figure className="team-map">
      <svg viewBox={`0 0 ${WIDTH} ${height + SCALE_STRIP}`} role="img" aria-label={t('kerja.tim.mapLabel', { far: far.length })}>
        <rect width={WIDTH} height={height} fill="#eef5f5" rx={8} />
        <g stroke="#c9dcdc" strokeWidth={1}>
          {ticks(minLng, maxLng).map((v) => (
            <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={0} y2={height} />
          ))}
          {ticks(minLat, maxLat).map((v) => (
            <line key={`y${v}`} y1={y(v)} y2={y(v)} x1={0} x2={WIDTH} />
          ))}
        </g>
        {rows.map((r) => {
          const duty = r.lokasiTugas;
          const seen = r.presensi?.masuk;
          const colour = r.presensi?.jauh ? RED : TEAL;
          return (
            <g key={r.userId}>
              {duty && <circle cx={x(duty.lng)} cy={y(duty.lat)} r={8} fill="#fff" stroke={TEAL} strokeWidth={2} />}
              {duty && seen && (
                <line
                  x1={x(duty.lng)}
                  y1={y(duty.lat)}
                  x2={x(seen.lng)}
                  y2={y(seen.lat)}
                  stroke={colour}
                  strokeWidth={1.5}
                  strokeDasharray="4 3"
                />
              )}
              {seen && (
                <circle cx={x(seen.lng)} cy={y(seen.lat)} r={5} fill={colour}>
                  <title>{`${r.nama ?? r.username}${seen.jarakKm !== null ? ` · ${kmText(seen.jarakKm)} km` : ''}`}</title>
                </circle>
              )}
              {seen && r.presensi?.jauh && (
                <text
                  x={Math.min(x(seen.lng) + 8, WIDTH - 4)}
                  y={y(seen.lat) + 4}
                  fontSize={15}
                  fill={RED}
                  textAnchor={x(seen.lng) > WIDTH - 120 ? 'end' : 'start'}
                >
                  {r.nama ?? r.username}
                </text>
              )}
            </g>
          );
        })}
        {/* The scale under the map, where it hides no point. */}
        <g transform={`translate(4 ${height + SCALE_STRIP - 8})`} fontSize={13} fill="#1d2b2b">
          <line x1={0} x2={scaleKm * pxPerKm} y1={0} y2={0} stroke="#1d2b2b" strokeWidth={3} />
          <text x={scaleKm * pxPerKm + 6} y={4}>
            {t('kerja.tim.mapScale', { km: formatNumber(scaleKm) })}
          </text>
        </g>
      </svg>
      <figcaption>
        <small>{t('kerja.tim.mapNote')}</small>
      </figcaption>
    </figure>
  );
}

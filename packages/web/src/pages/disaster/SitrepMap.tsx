import type { SitrepRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useShelters } from '../../api/disaster-queries.js';
import { formatNumber } from '../../lib/format.js';

const W = 320;
const H = 220;
const PAD = 24;

/**
 * The day's shelters as points where their GPS puts them, sized by occupants and marked when over
 * capacity. Drawn as SVG from the data already on the device: no tile server is reachable from a
 * posko, and the map must work offline. Shelters without a position are listed, not guessed.
 */
export function SitrepMap({ disasterId, shelters }: { disasterId: string; shelters: SitrepRecord['shelters'] }) {
  const { t } = useTranslation();
  const where = new Map((useShelters(disasterId).data ?? []).map((s) => [s.id, s]));
  const placed = shelters.flatMap((x) => {
    const s = where.get(x.id);
    return s && s.lat !== null && s.lng !== null ? [{ ...x, lat: s.lat, lng: s.lng }] : [];
  });
  if (placed.length === 0) return <p className="muted">{t('bencana.sitrep.mapNone')}</p>;
  const lats = placed.map((p) => p.lat);
  const lngs = placed.map((p) => p.lng);
  // A tenth of a degree at least, so one shelter (or a tight cluster) sits in the middle.
  const span = Math.max(0.1, Math.max(...lats) - Math.min(...lats), Math.max(...lngs) - Math.min(...lngs));
  const midLat = (Math.max(...lats) + Math.min(...lats)) / 2;
  const midLng = (Math.max(...lngs) + Math.min(...lngs)) / 2;
  const scale = (Math.min(W, H) - 2 * PAD) / span;
  const x = (lng: number) => W / 2 + (lng - midLng) * scale;
  const y = (lat: number) => H / 2 - (lat - midLat) * scale;
  const most = Math.max(1, ...placed.map((p) => p.penghuni));
  return (
    <figure className="sitrep-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('bencana.sitrep.mapLabel', { count: placed.length })}>
        <rect x="0" y="0" width={W} height={H} className="map-ground" />
        {placed.map((p) => {
          const over = p.penghuni > p.kapasitas;
          return (
            <g key={p.id} data-testid="sitrep-map-point" className={over ? 'over' : undefined}>
              <circle cx={x(p.lng)} cy={y(p.lat)} r={4 + 10 * Math.sqrt(p.penghuni / most)} />
              <title>
                {`${p.nama}: ${t('bencana.sitrep.occupancy', { penghuni: formatNumber(p.penghuni), kapasitas: formatNumber(p.kapasitas) })}`}
              </title>
            </g>
          );
        })}
      </svg>
      {placed.length < shelters.length && (
        <figcaption className="muted">{t('bencana.sitrep.mapUnplaced', { count: shelters.length - placed.length })}</figcaption>
      )}
    </figure>
  );
}

import { PROVINCE_CAPITALS, PROVINCE_SHORT } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';

const COLS = 18;
const ROWS = 8;

/**
 * Indonesia as a tile grid: each of the 38 provinces one equal square placed near its capital's
 * position (no boundary data of the 38 provinces is on the npm registry; a grid also gives small
 * provinces the same weight as large ones). Collisions move to the nearest free square.
 */
const GRID: Array<{ kode: string; col: number; row: number }> = (() => {
  const taken = new Set<string>();
  const cells: Array<{ kode: string; col: number; row: number }> = [];
  const entries = Object.entries(PROVINCE_CAPITALS).sort((a, b) => a[1].lng - b[1].lng);
  for (const [kode, { lat, lng }] of entries) {
    const col0 = Math.round(((lng - 95) / (141 - 95)) * (COLS - 1));
    const row0 = Math.round(((6 - lat) / (6 + 11)) * (ROWS - 1));
    let best = { col: col0, row: row0, d: Infinity };
    for (let r = 0; r < ROWS; r++) {
      for (let c = 0; c < COLS; c++) {
        if (taken.has(`${c},${r}`)) continue;
        const d = (c - col0) ** 2 + (r - row0) ** 2 * 1.5;
        if (d < best.d) best = { col: c, row: r, d };
      }
    }
    taken.add(`${best.col},${best.row}`);
    cells.push({ kode, col: best.col, row: best.row });
  }
  return cells;
})();

const SCALE = ['#e3f1f1', '#b5dada', '#7fbcbc', '#3f9898', '#0f6e6e'];

/**
 * Five equal steps between the lowest and the highest value shown, not from zero: provinces at
 * 43 % and 58 % fall in different shades. One value everywhere is one shade.
 */
export function scaleSteps(values: number[]): { min: number; max: number; step: (v: number) => number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return { min, max, step: (v) => (span === 0 ? 0 : Math.min(SCALE.length - 1, Math.floor(((v - min) / span) * SCALE.length))) };
}

export function TileMap({
  values,
  names,
  label,
  format,
  onPick,
}: {
  values: Record<string, number>;
  names: Record<string, string>;
  label: string;
  format: (n: number) => string;
  onPick: (kode: string) => void;
}) {
  const { t } = useTranslation();
  const shown = Object.values(values);
  const { min, max, step } = scaleSteps(shown.length ? shown : [0]);
  const size = 40;
  const valueText = (kode: string) => (values[kode] === undefined ? t('dasbor.noData') : format(values[kode]));
  return (
    <figure>
      {/* A group of buttons, not an image: each province is reached by Tab and opened by Enter. */}
      <svg viewBox={`0 0 ${COLS * size} ${ROWS * size}`} role="group" aria-label={label} className="tile-map" style={{ width: '100%' }}>
        {GRID.map(({ kode, col, row }) => {
          const v = values[kode];
          const dark = v !== undefined && step(v) >= 3;
          const short = PROVINCE_SHORT[kode] ?? kode;
          return (
            <g
              key={kode}
              transform={`translate(${col * size},${row * size})`}
              role="button"
              tabIndex={0}
              onClick={() => onPick(kode)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                onPick(kode);
              }}
              data-kode={kode}
            >
              <rect
                width={size - 3}
                height={size - 3}
                rx={4}
                fill={v === undefined ? '#f2f2f2' : SCALE[step(v)]}
                stroke="#0f6e6e"
                strokeWidth={0.5}
              />
              <text
                x={(size - 3) / 2}
                y={15}
                textAnchor="middle"
                fontSize={9}
                fontWeight={600}
                fill={dark ? '#fff' : '#123'}
                {...(short.length > 6 ? { textLength: size - 7, lengthAdjust: 'spacingAndGlyphs' } : {})}
              >
                {short}
              </text>
              <text x={(size - 3) / 2} y={29} textAnchor="middle" fontSize={8} fill={dark ? '#fff' : '#123'}>
                {v === undefined ? '–' : format(v)}
              </text>
              {/* The tile's name (SVG takes it from <title>) and its hover text: the whole name and the value. */}
              <title>{`${names[kode] ?? short}: ${valueText(kode)}`}</title>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {max === min ? (
          <span>
            <i style={{ background: SCALE[0] }} /> {format(min)}
          </span>
        ) : (
          SCALE.map((c, i) => (
            <span key={c}>
              <i style={{ background: c }} /> {format(min + ((max - min) * i) / SCALE.length)}–
              {format(min + ((max - min) * (i + 1)) / SCALE.length)}
            </span>
          ))
        )}
      </figcaption>
    </figure>
  );
}

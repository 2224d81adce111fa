import { PROVINCE_CAPITALS } from '@tuntas/domain';

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
  const all = Object.values(values);
  const max = Math.max(1, ...all);
  const min = Math.min(0, ...all);
  const colour = (v: number | undefined) =>
    v === undefined ? '#f2f2f2' : SCALE[Math.min(SCALE.length - 1, Math.floor(((v - min) / (max - min || 1)) * SCALE.length))]!;
  const size = 40;
  return (
    <figure>
      <svg viewBox={`0 0 ${COLS * size} ${ROWS * size}`} role="img" aria-label={label} style={{ width: '100%' }}>
        {GRID.map(({ kode, col, row }) => (
          <g
            key={kode}
            transform={`translate(${col * size},${row * size})`}
            onClick={() => onPick(kode)}
            style={{ cursor: 'pointer' }}
            data-kode={kode}
          >
            <rect width={size - 3} height={size - 3} rx={4} fill={colour(values[kode])} stroke="#0f6e6e" strokeWidth={0.5} />
            <text
              x={(size - 3) / 2}
              y={16}
              textAnchor="middle"
              fontSize={11}
              fontWeight={600}
              fill={(values[kode] ?? 0) > (max + min) / 2 ? '#fff' : '#123'}
            >
              {kode}
            </text>
            <text x={(size - 3) / 2} y={30} textAnchor="middle" fontSize={8} fill={(values[kode] ?? 0) > (max + min) / 2 ? '#fff' : '#123'}>
              {values[kode] === undefined ? '–' : format(values[kode])}
            </text>
            <title>{`${names[kode] ?? kode}: ${values[kode] === undefined ? '–' : format(values[kode])}`}</title>
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {SCALE.map((c, i) => (
          <span key={c}>
            <i style={{ background: c }} /> {format(min + ((max - min) * i) / SCALE.length)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useWilayahChildren } from '../../api/queries.js';

const LEVELS = ['province', 'regency', 'district'] as const;

function Level({
  level,
  parent,
  value,
  onChange,
  label,
}: {
  level: number;
  parent: string | null;
  value: string | null;
  onChange: (code: string | null) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const options = useWilayahChildren(parent);
  const name = t(`wilayah.${LEVELS[level]}`);
  return (
    <label htmlFor={id}>
      {label ? `${label} · ${name}` : name}
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-busy={options.isPending}>
        <option value="">{level === 0 ? t('admin.area.all') : t('admin.area.whole')}</option>
        {(options.data ?? []).map((o) => (
          <option key={o.kode} value={o.kode}>
            {o.nama}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * An account's area or a filter's: province, regency, district, each optional below the one
 * chosen. `fixed` (the user's own scope) presets and locks the levels above it; an empty choice at
 * a level means the whole area above (or, at the top, national / every area).
 */
export function AreaSelect({
  value,
  onChange,
  fixed,
  label,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  fixed: string | null;
  label?: string;
}) {
  const start = fixed ? Math.min(fixed.split('.').length, LEVELS.length) : 0;
  const parts = (value ?? fixed ?? '').split('.').filter(Boolean);
  const codeAt = (level: number) => (parts.length > level ? parts.slice(0, level + 1).join('.') : null);
  const choose = (level: number, code: string | null) => onChange(code ?? (level === 0 ? (fixed ?? null) : codeAt(level - 1)));
  return (
    <div className="area-select">
      {LEVELS.map((_, level) =>
        level < start ? null : level === 0 || codeAt(level - 1) ? (
          <Level
            key={`${level}-${codeAt(level - 1) ?? 'root'}`}
            level={level}
            parent={level === 0 ? null : codeAt(level - 1)}
            value={codeAt(level)}
            onChange={(code) => choose(level, code)}
            {...(label && level === start ? { label } : {})}
          />
        ) : null,
      )}
    </div>
  );
}

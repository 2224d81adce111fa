import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWilayahChildren } from '../api/queries.js';
import { RequiredMark } from './FieldError.js';

const LEVELS = ['province', 'regency', 'district', 'village'] as const;

/** A required picker's props from `useFormErrors().field`: every level shown must be chosen. */
type FieldProps = { name: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

function codeAt(code: string, level: number): string | null {
  const parts = code.split('.');
  return parts.length > level ? parts.slice(0, level + 1).join('.') : null;
}

function Level({
  level,
  parent,
  value,
  onChange,
  field,
}: {
  level: number;
  parent: string | null;
  value: string | null;
  onChange: (code: string | null) => void;
  field: FieldProps | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const options = useWilayahChildren(parent);
  const name = t(`wilayah.${LEVELS[level]}`);
  const shown = (options.data ?? []).filter((o) => o.nama.toLowerCase().includes(filter.toLowerCase()) || o.kode === value);
  return (
    <div className="picker-level">
      <label htmlFor={id}>
        {name}
        {field && <RequiredMark />}
      </label>
      {(options.data?.length ?? 0) > 12 && (
        <input
          type="search"
          aria-label={t('wilayah.filter', { level: name })}
          placeholder={t('wilayah.filter', { level: name })}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        aria-busy={options.isPending}
        {...(field ? { ...field, required: true } : {})}
      >
        <option value="">{t('wilayah.choose', { level: name })}</option>
        {shown.map((o) => (
          <option key={o.kode} value={o.kode}>
            {o.nama}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Province → regency → district → village, each searchable. `fixed` is the user's own scope: those
 * levels are preset and locked, so a pendamping of Banyuwangi starts at the district.
 * `pickFrom` lets an area above the village be the answer (1 regency, 2 district).
 */
export function WilayahPicker({
  value,
  onChange,
  fixed,
  pickFrom = 3,
  field,
}: {
  value: string;
  onChange: (village: string) => void;
  fixed: string | null;
  pickFrom?: 1 | 2 | 3;
  field?: FieldProps;
}) {
  const start = fixed ? fixed.split('.').length : 0;
  const [path, setPath] = useState<Array<string | null>>(() => LEVELS.map((_, i) => codeAt(value || fixed || '', i)));
  const choose = (level: number, code: string | null) => {
    const next = path.map((c, i) => (i < level ? c : i === level ? code : null));
    setPath(next);
    // `pickFrom` 3: a village or nothing; 1 or 2 (a disaster's areas): the deepest level chosen from it down.
    const deepest = next.reduce<number>((d, c, i) => (c ? i : d), -1);
    onChange(deepest >= pickFrom ? next[deepest]! : '');
  };
  return (
    <fieldset className="wilayah-picker">
      {LEVELS.map((_, level) =>
        level < start ? null : level === 0 || path[level - 1] ? (
          <Level
            key={`${level}-${path[level - 1] ?? 'root'}`}
            level={level}
            parent={level === 0 ? null : path[level - 1]!}
            value={path[level] ?? null}
            onChange={(code) => choose(level, code)}
            field={field}
          />
        ) : null,
      )}
    </fieldset>
  );
}

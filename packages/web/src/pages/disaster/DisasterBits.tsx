import type { StatusBencana } from '@tuntas/domain';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { AreaName } from '../../components/AreaName.js';
import type { Wilayah } from '../../api/types.js';

/** The emergency status as a coloured chip (colours in app.css, text above 4.5:1). */
export function StatusChip({ status }: { status: StatusBencana }) {
  const { t } = useTranslation();
  return <span className={`badge bencana-${status}`}>{t(`bencana.status.${status}`)}</span>;
}

/** Names of several areas at once, for option lists (same cache as useWilayah). */
export function useAreaNames(codes: string[]): Record<string, string> {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['wilayah-one', code],
      queryFn: async () => (await api<{ wilayah: Wilayah }>(`/wilayah/${code}`)).wilayah,
      staleTime: Infinity,
    })),
  });
  return Object.fromEntries(results.flatMap((r, i) => (r.data ? [[codes[i]!, r.data.nama]] : [])));
}

/** The affected areas by name: the first few, then "dan N wilayah lain". */
export function AreaNames({ codes, max = 3 }: { codes: string[]; max?: number }) {
  const { t } = useTranslation();
  const shown = codes.slice(0, max);
  const names = shown.map((code, i) => (
    <span key={code}>
      {i > 0 && ', '}
      <AreaName code={code} />
    </span>
  ));
  if (codes.length <= max) return <>{names}</>;
  return (
    <>
      {names} {t('bencana.areasMore', { count: codes.length - max })}
    </>
  );
}

/** A checkbox list of a domain list's values. */
export function CheckList<T extends string>({
  legend,
  values,
  label,
  chosen,
  onChange,
}: {
  legend: string;
  values: readonly T[];
  label: (value: T) => string;
  chosen: T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="check-grid">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="inline-check">
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v))}
          />
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

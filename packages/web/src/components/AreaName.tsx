import { useWilayah } from '../api/queries.js';

/** A wilayah by its name, as people say it (the code until the name has arrived, or offline). */
export function AreaName({ code }: { code: string }) {
  const area = useWilayah(code);
  return <span title={code}>{area.data?.nama ?? code}</span>;
}

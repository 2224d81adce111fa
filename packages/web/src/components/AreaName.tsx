import { useWilayah } from '../api/queries.js';

/** A wilayah by its name, as people say it (the code until the name has arrived; reference data, kept once fetched). */
export function AreaName({ code }: { code: string }) {
  return <>{useWilayah(code).data?.nama ?? code}</>;
}

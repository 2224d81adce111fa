import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { UploadLimits } from './upload-limits.js';

/** Where an upload's XLSX row report is kept (a folder every API node shares), by the upload's id. */
export const reportFile = (limits: UploadLimits, id: string) => path.join(limits.reportsDir, `${id}.xlsx`);

/** Reports older than the keeping time (and leftovers of a crash) are removed on the next upload. */
export async function sweepReports(limits: UploadLimits): Promise<void> {
  const before = Date.now() - limits.reportsKeepHours * 3600_000;
  for (const name of await readdir(limits.reportsDir).catch(() => [] as string[])) {
    const file = path.join(limits.reportsDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < before) await rm(file, { force: true });
  }
}

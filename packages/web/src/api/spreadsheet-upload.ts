import i18next from 'i18next';

/** What every spreadsheet import answers (the registry's and a posko's), before its own counts. */
export interface SpreadsheetUploadResult {
  id: string;
  total: number;
  accepted: number;
  rejected: number;
  dryRun: boolean;
  rows: Array<{ line: number; errors: string[]; warnings: string[] }>;
  rowsListed: number;
  reportUrl: string | null;
}

export interface BeneficiaryImportResult extends SpreadsheetUploadResult {
  inserted: number;
  updated: number;
}

export interface AffectedImportResult extends SpreadsheetUploadResult {
  inserted: number;
  linked: number;
}

/**
 * Sends a CSV or XLSX as the raw body. XMLHttpRequest, not fetch: only it reports upload
 * progress, which matters on a slow 3G line. Online only: an import is judged by the server.
 * `key` is the attempt's Idempotency-Key: sent again after a lost answer, the server answers what
 * the first upload did instead of registering its rows twice.
 */
export function uploadSpreadsheet<R extends SpreadsheetUploadResult>(
  url: string,
  upload: { file: File; dryRun: boolean; key: string },
  onProgress: (percent: number) => void,
): Promise<R> {
  const { file, dryRun, key } = upload;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name });
    xhr.open('POST', `${url}?${query}`);
    const xlsx = /\.xlsx$/i.test(file.name);
    xhr.setRequestHeader('content-type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('accept-language', i18next.language);
    xhr.setRequestHeader('idempotency-key', key);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { error?: { message?: string } } | undefined;
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        body = undefined;
      }
      if (xhr.status === 200) resolve(body as unknown as R);
      else reject(new Error(body?.error?.message ?? i18next.t('errors.generic')));
    };
    xhr.onerror = () => reject(new Error(i18next.t('errors.network')));
    xhr.send(file);
  });
}

import type { ImportStatusView, SpreadsheetUploadResult } from '@tuntas/domain';
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { api } from './client.js';

export type { ImportStatusView, SpreadsheetUploadResult };

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
  upload: { file: File; dryRun: boolean; key: string; background?: boolean },
  onProgress: (percent: number) => void,
): Promise<R | ImportStatusView> {
  const { file, dryRun, key } = upload;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name });
    if (upload.background) query.set('background', 'true');
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
      if (xhr.status === 200 || xhr.status === 202) resolve(body as unknown as R | ImportStatusView);
      else reject(new Error(body?.error?.message ?? i18next.t('errors.generic')));
    };
    xhr.onerror = () => reject(new Error(i18next.t('errors.network')));
    xhr.send(file);
  });
}

/** Whether an upload's answer is a background import still to follow (202) rather than its report. */
export const isImportJob = (answer: SpreadsheetUploadResult): answer is ImportStatusView => 'status' in answer;

/** A background import followed every 1.5 s until it ends. */
export function useImportStatus(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => api<ImportStatusView>(`/imports/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && ['selesai', 'gagal'].includes(query.state.data.status) ? false : 1500),
  });
}

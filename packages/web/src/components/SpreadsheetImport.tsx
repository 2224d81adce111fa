import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isImportJob,
  uploadSpreadsheet,
  useImportStatus,
  type ImportStatusView,
  type SpreadsheetUploadResult,
} from '../api/spreadsheet-upload.js';
import { formatNumber } from '../lib/format.js';
import { TableScroll } from './TableScroll.js';

type Phase<R> =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing' }
  | { kind: 'queued'; id: string }
  | { kind: 'done'; result: R }
  | { kind: 'failed'; message: string };

export interface SpreadsheetImportProps<R extends SpreadsheetUploadResult> {
  /** The import route, e.g. `/api/v1/imports/beneficiaries`. */
  url: string;
  /** Each row code's message, as the server's row report words it. */
  messages: Record<string, { id: string; en: string }>;
  /** What a real (not dry) import stored, in the kind's own words. */
  stored: (result: R) => ReactNode;
  onStored?: (result: R) => void;
  /** Imported by a job on the server (the registry's large files): the answer is followed until it ends. */
  background?: boolean;
}

/**
 * A spreadsheet upload and its row report — the registry's and a posko's alike: the file, "check
 * only", progress while it uploads and while rows are judged, the counts, the first problem rows
 * and the XLSX of all of them to fix and upload again.
 */
export function SpreadsheetImport<R extends SpreadsheetUploadResult>({
  url,
  messages,
  stored,
  onStored,
  background = false,
}: SpreadsheetImportProps<R>) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [phase, setPhase] = useState<Phase<R>>({ kind: 'idle' });
  // One key per attempt: kept when the answer was lost (trying again replays it), new once an answer came.
  const attempt = useRef<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'id';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      attempt.current ??= crypto.randomUUID();
      const result = await uploadSpreadsheet<R>(url, { file, dryRun, key: attempt.current, background }, (percent) =>
        setPhase(percent < 100 ? { kind: 'uploading', percent } : { kind: 'processing' }),
      );
      attempt.current = null;
      if (isImportJob(result)) setPhase({ kind: 'queued', id: result.id });
      else finished(result);
    } catch (error) {
      setPhase({ kind: 'failed', message: (error as Error).message });
    }
  };
  const finished = (result: R) => {
    setPhase({ kind: 'done', result });
    if (!result.dryRun) onStored?.(result);
  };
  const busy = phase.kind === 'uploading' || phase.kind === 'processing' || phase.kind === 'queued';
  const message = (code: string) => messages[code]?.[lang] ?? code;

  return (
    <>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('importPage.file')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              attempt.current = null;
              setFile(e.target.files?.[0] ?? null);
            }}
            required
          />
        </label>
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={dryRun}
            onChange={(e) => {
              attempt.current = null;
              setDryRun(e.target.checked);
            }}
          />
          {t('importPage.dryRun')}
        </label>
        <button type="submit" disabled={!file || busy} aria-busy={busy}>
          {t('importPage.submit')}
        </button>
      </form>
      {phase.kind === 'uploading' && (
        <>
          <p role="status">{t('importPage.uploading', { percent: phase.percent })}</p>
          <progress value={phase.percent} max={100} />
        </>
      )}
      {phase.kind === 'processing' && (
        <>
          <p role="status">{t('importPage.processing')}</p>
          <progress />
        </>
      )}
      {phase.kind === 'queued' && (
        <ImportProgress
          id={phase.id}
          onEnd={(job) =>
            job.status === 'selesai'
              ? finished(job as unknown as R)
              : setPhase({ kind: 'failed', message: t('importPage.jobFailed', { reason: job.galat ?? '' }) })
          }
        />
      )}
      {phase.kind === 'failed' && (
        <p role="alert" className="error">
          {phase.message}
        </p>
      )}
      {phase.kind === 'done' && (
        <article aria-live="polite" data-testid="import-result">
          <p>
            <strong>
              {t('importPage.summary', {
                total: formatNumber(phase.result.total),
                accepted: formatNumber(phase.result.accepted),
                rejected: formatNumber(phase.result.rejected),
              })}
            </strong>
          </p>
          <p>{phase.result.dryRun ? t('importPage.notStored') : stored(phase.result)}</p>
          {phase.result.reportUrl && (
            <p>
              <a role="button" className="secondary" href={phase.result.reportUrl} download>
                {t('importPage.download')}
              </a>
            </p>
          )}
          {phase.result.rows.length > 0 && (
            <TableScroll label={t('importPage.problems')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('importPage.line')}</th>
                    <th scope="col">{t('importPage.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.result.rows.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>
                        {[...row.errors.map(message), ...row.warnings.map((c) => `(${t('importPage.warning')}) ${message(c)}`)].join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {phase.result.rowsListed > phase.result.rows.length && (
            <p className="muted">{t('importPage.moreInReport', { count: phase.result.rowsListed - phase.result.rows.length })}</p>
          )}
        </article>
      )}
    </>
  );
}

/** A background import's progress, read every 1.5 s until it ends. */
function ImportProgress({ id, onEnd }: { id: string; onEnd: (job: ImportStatusView) => void }) {
  const { t } = useTranslation();
  const { data } = useImportStatus(id);
  const ended = data && (data.status === 'selesai' || data.status === 'gagal');
  useEffect(() => {
    if (data && ended) onEnd(data);
  }, [data, ended, onEnd]);
  if (!data || data.status === 'antre' || data.baris === null)
    return (
      <>
        <p role="status">{t('importPage.queued')}</p>
        <progress />
      </>
    );
  return (
    <>
      <p role="status">{t('importPage.running', { done: data.barisSelesai, total: data.baris, percent: data.progres })}</p>
      <progress value={data.progres} max={100} />
    </>
  );
}

import { IMPORT_ROW_MESSAGES, type ImportRowError, type ImportRowWarning } from '@tuntas/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { ImportResult } from '../../api/types.js';
import { formatNumber } from '../../lib/format.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; message: string };

/** XMLHttpRequest, not fetch: only it reports upload progress, which matters on a slow 3G line. */
function upload(file: File, dryRun: boolean, onProgress: (percent: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name });
    xhr.open('POST', `/api/v1/imports/beneficiaries?${query}`);
    const xlsx = /\.xlsx$/i.test(file.name);
    xhr.setRequestHeader('content-type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('accept-language', i18next.language);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}');
      if (xhr.status === 200) resolve(body as ImportResult);
      else reject(new Error(body?.error?.message ?? i18next.t('errors.generic')));
    };
    xhr.onerror = () => reject(new Error(i18next.t('errors.network')));
    xhr.send(file);
  });
}

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const lang = i18n.language === 'en' ? 'en' : 'id';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const result = await upload(file, dryRun, (percent) =>
        setPhase(percent < 100 ? { kind: 'uploading', percent } : { kind: 'processing' }),
      );
      setPhase({ kind: 'done', result });
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: ['beneficiaries'] });
    } catch (error) {
      setPhase({ kind: 'failed', message: (error as Error).message });
    }
  };
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  return (
    <section>
      <h1>{t('importPage.title')}</h1>
      <p>{t('importPage.intro')}</p>
      <p>
        <small>{t('importPage.introWithoutNik')}</small>
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('importPage.file')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </label>
        <label>
          <input type="checkbox" role="switch" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
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
      {phase.kind === 'failed' && (
        <p role="alert" className="error">
          {phase.message}
        </p>
      )}
      {phase.kind === 'done' && (
        <article aria-live="polite">
          <p>
            <strong>
              {t('importPage.summary', {
                total: formatNumber(phase.result.total),
                accepted: formatNumber(phase.result.accepted),
                rejected: formatNumber(phase.result.rejected),
              })}
            </strong>
          </p>
          <p>
            {phase.result.dryRun
              ? t('importPage.notStored')
              : t('importPage.stored', { inserted: formatNumber(phase.result.inserted), updated: formatNumber(phase.result.updated) })}
          </p>
          {phase.result.reportUrl && (
            <p>
              <a role="button" className="secondary" href={phase.result.reportUrl} download>
                {t('importPage.download')}
              </a>
            </p>
          )}
          {phase.result.rows.length > 0 && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('importPage.line')}</th>
                    <th scope="col">{t('importPage.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.result.rows.slice(0, 200).map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>
                        {[
                          ...row.errors.map((c) => IMPORT_ROW_MESSAGES[c as ImportRowError]?.[lang] ?? c),
                          ...row.warnings.map(
                            (c) => `(${t('importPage.warning')}) ${IMPORT_ROW_MESSAGES[c as ImportRowWarning]?.[lang] ?? c}`,
                          ),
                        ].join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      )}
    </section>
  );
}

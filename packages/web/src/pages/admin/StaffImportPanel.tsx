import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffImport } from '../../api/admin-queries.js';
import { TableScroll } from '../../components/TableScroll.js';

/**
 * Many accounts at once from the staff list (XLSX): checked first (nothing created), then
 * imported; each created account's temporary password is shown this once, each bad row with why.
 */
export function StaffImportPanel() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const run = useStaffImport();
  const result = run.data;
  return (
    <details>
      <summary>{t('admin.staffImport.title')}</summary>
      <p>{t('admin.staffImport.intro')}</p>
      <form aria-label={t('admin.staffImport.title')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('admin.staffImport.file')}
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              run.reset();
              setFile(e.target.files?.[0] ?? null);
            }}
          />
        </label>
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={!file || run.isPending}
            onClick={() => file && run.mutate({ file, dryRun: true })}
          >
            {t('admin.staffImport.check')}
          </button>
          <button
            type="button"
            disabled={!file || run.isPending}
            aria-busy={run.isPending}
            onClick={() => file && run.mutate({ file, dryRun: false })}
          >
            {t('admin.staffImport.run')}
          </button>
        </div>
      </form>
      {run.isError && (
        <p role="alert" className="error">
          {run.error.message}
        </p>
      )}
      {result && (
        <>
          <p role="status" data-testid="staff-import-summary">
            {result.dryRun
              ? t('admin.staffImport.checked', { total: result.total, valid: result.total - result.ditolak, ditolak: result.ditolak })
              : t('admin.staffImport.done', { total: result.total, dibuat: result.dibuat, ditolak: result.ditolak })}
          </p>
          {!result.dryRun && result.dibuat > 0 && <p className="notice">{t('admin.staffImport.passwordsOnce')}</p>}
          <TableScroll>
            <table>
              <caption>{t('admin.staffImport.rows')}</caption>
              <thead>
                <tr>
                  <th>{t('admin.staffImport.row')}</th>
                  <th>{t('admin.users.nama')}</th>
                  <th>{t('admin.staffImport.username')}</th>
                  <th>{t('admin.staffImport.result')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.baris} data-status={r.status}>
                    <td>{r.baris}</td>
                    <td>{r.nama ?? '—'}</td>
                    <td>{r.username ?? '—'}</td>
                    <td>
                      {t(`admin.staffImport.status.${r.status}`)}
                      {r.temporaryPassword && (
                        <>
                          {' '}
                          <code className="temporary-password">{r.temporaryPassword}</code>
                        </>
                      )}
                      {r.errors.length > 0 && (
                        <ul className="plain-list">
                          {r.errors.map((e, i) => (
                            <li key={i}>{e.pesan}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </details>
  );
}

import { CLOSE_REASONS, TAHAPAN_CODES, type CaseRecord, type CloseReason, type TahapanCode } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useCaseAction, type CaseAction } from '../../api/case-writes.js';

/** The buttons the server says this user may press now; nothing else is offered. */
export function CaseActions({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const [catatan, setCatatan] = useState('');
  const [alasan, setAlasan] = useState<CloseReason | ''>('');
  const action = useCaseAction(kase, () => {
    setCatatan('');
    setAlasan('');
  });
  const run = {
    mutate: (a: CaseAction) => action.mutate({ action: a, catatan }),
    isPending: action.isPending,
    variables: action.variables?.action,
    error: action.error,
  };
  const { tindakan } = kase;
  const any = tindakan.tahapan.length > 0 || tindakan.syarat.length > 0 || tindakan.verifikasi || tindakan.tutup || tindakan.bukaKembali;
  if (!any) return null;
  const order = (code: TahapanCode) => TAHAPAN_CODES.indexOf(code);

  return (
    <article>
      <header>
        <h2>{t('cases.actions')}</h2>
      </header>
      <label>
        {tindakan.bukaKembali ? t('cases.reopenReason') : t('cases.note')}
        <textarea value={catatan} onChange={(e) => setCatatan(e.target.value)} rows={2} maxLength={2000} />
      </label>
      {tindakan.syarat.map((g) => (
        <p key={g.tahapan} id={`syarat-${g.tahapan}`} className="notice">
          {t('cases.gate', { stage: t(`tahapan.${g.tahapan}`) })} {g.kurang.map((k) => t(`cases.requirement.${k}`)).join('; ')}
        </p>
      ))}
      <div className="actions">
        {tindakan.tahapan.map((to) => (
          <button
            key={to}
            className={order(to) > order(kase.tahapan) ? '' : 'secondary'}
            aria-busy={run.isPending && run.variables?.kind === 'transitions' && run.variables.to === to}
            disabled={run.isPending}
            onClick={() => run.mutate({ kind: 'transitions', to })}
          >
            {order(to) > order(kase.tahapan)
              ? t('cases.moveTo', { stage: t(`tahapan.${to}`) })
              : t('cases.backTo', { stage: t(`tahapan.${to}`) })}
          </button>
        ))}
        {/* A gated stage is shown with what it still needs, before anyone tries the move. */}
        {tindakan.syarat.map((g) => (
          <button key={g.tahapan} disabled aria-describedby={`syarat-${g.tahapan}`}>
            {t('cases.moveTo', { stage: t(`tahapan.${g.tahapan}`) })}
          </button>
        ))}
        {tindakan.verifikasi && (
          <button disabled={run.isPending} onClick={() => run.mutate({ kind: 'verify' })}>
            {t('cases.verify')}
          </button>
        )}
        {tindakan.bukaKembali && (
          <button disabled={run.isPending || catatan.trim().length < 3} onClick={() => run.mutate({ kind: 'reopen' })}>
            {t('cases.reopen')}
          </button>
        )}
      </div>
      {tindakan.verifikasi && <p className="muted">{t('cases.verifyHint')}</p>}
      {tindakan.tutup && (
        <details>
          <summary>{t('cases.close')}</summary>
          <label>
            {t('cases.closeReason')}
            <select value={alasan} onChange={(e) => setAlasan(e.target.value as CloseReason)} required>
              <option value="">{t('cases.chooseReason')}</option>
              {CLOSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`closeReason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            className="secondary"
            disabled={run.isPending || alasan === ''}
            onClick={() => alasan && run.mutate({ kind: 'close', alasan })}
          >
            {t('cases.closeConfirm')}
          </button>
        </details>
      )}
      {run.error instanceof ApiError && (
        <p role="alert" className="error">
          {run.error.message}
        </p>
      )}
    </article>
  );
}

import type { DeploymentRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndDeployment } from '../../api/disaster-queries.js';
import { workerToday } from '../../lib/format.js';

/**
 * Akhiri penugasan: the manager picks the last day (from the start to the pendamping's own today)
 * and confirms; the pendamping's access to the event ends the day after (issue 18).
 */
export function EndDeployment({ disasterId, deployment }: { disasterId: string; deployment: DeploymentRecord }) {
  const { t } = useTranslation();
  const today = workerToday(deployment.wilayahAsal || null);
  const latest = deployment.selesai < today ? deployment.selesai : today;
  const end = useEndDeployment(disasterId);
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ selesai: latest, alasan: '' });
  if (deployment.selesai < today || deployment.mulai > today) return null;
  if (!open)
    return (
      <button type="button" className="secondary outline" onClick={() => setOpen(true)}>
        {t('bencana.penugasan.end')}
      </button>
    );
  return (
    <form
      aria-label={t('bencana.penugasan.end')}
      onSubmit={(e) => {
        e.preventDefault();
        const alasan = f.alasan.trim();
        end.mutate({ deploymentId: deployment.id, selesai: f.selesai, ...(alasan ? { alasan } : {}) }, { onSuccess: () => setOpen(false) });
      }}
    >
      <label>
        {t('bencana.penugasan.endDate')}
        <input
          type="date"
          required
          min={deployment.mulai}
          max={latest}
          value={f.selesai}
          onChange={(e) => setF({ ...f, selesai: e.target.value })}
        />
      </label>
      <label>
        {t('bencana.penugasan.endReason')}
        <input maxLength={500} value={f.alasan} onChange={(e) => setF({ ...f, alasan: e.target.value })} />
      </label>
      <p>{t('bencana.penugasan.endConfirm', { nama: deployment.nama ?? deployment.username })}</p>
      {end.isError && (
        <p role="alert" className="error">
          {end.error.message}
        </p>
      )}
      <div className="grid">
        <button type="submit" disabled={end.isPending} aria-busy={end.isPending}>
          {t('bencana.penugasan.endSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('bencana.penugasan.endCancel')}
        </button>
      </div>
    </form>
  );
}

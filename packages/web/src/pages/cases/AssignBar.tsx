import { isWithinScope } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.js';
import { useCaseload } from '../../api/workforce-queries.js';
import { formatNumber } from '../../lib/format.js';
import { NeededCompetencies } from '../training/NeededCompetencies.js';

/** The koordinator's bulk assignment: chosen cases to one pendamping, whose caseload is in view. */
export function AssignBar({ selected, onDone }: { selected: Array<{ id: string; wilayah: string; ppks: string }>; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pendampingId, setPendampingId] = useState('');
  const load = useCaseload();
  const assign = useMutation({
    mutationFn: () =>
      api<{ updated: number }>('/cases/assign', { method: 'POST', json: { caseIds: selected.map((c) => c.id), pendampingId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['caseload'] });
      onDone();
    },
  });
  if (selected.length === 0) return null;
  // Only pendamping whose area holds every chosen case can take them (the server says the same).
  const eligible = (load.data?.items ?? []).filter((p) => selected.every((c) => isWithinScope(p.wilayah, c.wilayah)));
  const chosen = eligible.find((p) => p.pendampingId === pendampingId);
  const over = chosen && load.data ? chosen.aktif + selected.length > load.data.maksimum : false;
  return (
    <div className="assign-bar" role="region" aria-label={t('cases.assignTitle')}>
      <label>
        {t('cases.assignTo', { count: selected.length, formatted: formatNumber(selected.length) })}
        <select value={pendampingId} onChange={(e) => setPendampingId(e.target.value)}>
          <option value="">{t('cases.choosePendamping')}</option>
          {eligible.map((p) => (
            <option key={p.pendampingId} value={p.pendampingId}>
              {t('cases.caseloadOption', { name: p.nama ?? p.username, aktif: p.aktif, rekomendasi: load.data!.rekomendasi })}
            </option>
          ))}
        </select>
      </label>
      {over && <p className="error">{t('cases.overMaximum', { maksimum: load.data!.maksimum })}</p>}
      {chosen && <NeededCompetencies pendampingId={chosen.pendampingId} ppks={selected.map((c) => c.ppks)} />}
      {assign.error instanceof ApiError && (
        <p role="alert" className="error">
          {assign.error.message}
        </p>
      )}
      {load.data && eligible.length === 0 && <p>{t('cases.noEligible')}</p>}
      <button disabled={!chosen || assign.isPending} aria-busy={assign.isPending} onClick={() => assign.mutate()}>
        {t('cases.assign')}
      </button>
    </div>
  );
}

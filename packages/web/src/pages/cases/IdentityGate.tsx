import type { CaseRecord } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';

/** A protected identity says so; an auditor may open it by recording why (break-glass, audited). */
export function IdentityGate({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const queryClient = useQueryClient();
  const [alasan, setAlasan] = useState('');
  const open = useMutation({
    mutationFn: () => api<CaseRecord>(`/cases/${kase.id}/identity-access`, { method: 'POST', json: { alasan } }),
    onSuccess: (updated) => queryClient.setQueryData(['case', kase.id], updated),
  });
  return (
    <div className="notice">
      <p>
        <strong>{t('kasus.identitas.protected')}.</strong> {t('kasus.identitas.protectedHint')}
      </p>
      {me.role === 'auditor' && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            open.mutate();
          }}
        >
          <label>
            {t('kasus.identitas.reason')}
            <input required minLength={10} maxLength={1000} value={alasan} onChange={(e) => setAlasan(e.target.value)} />
          </label>
          <button type="submit" disabled={open.isPending}>
            {t('kasus.identitas.open')}
          </button>
          {open.isError && (
            <p role="alert" className="error">
              {open.error.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

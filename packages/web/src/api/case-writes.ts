import type { CaseRecord, CloseReason, TahapanCode } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.js';
import { queueWrite } from './outbox.js';

/**
 * Opening a case goes through the outbox with an id made on the device (issue 17): the case page
 * opens at once from the queued write, and later queued writes (assessment, services, a stage
 * move) name this id. The person may still be on the device too: their registration is sent first.
 */
export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { beneficiaryId: string; ppks: string; ringkasan: string | null }) => {
      const id = crypto.randomUUID();
      const outcome = await queueWrite<CaseRecord>({
        kind: 'case',
        path: '/cases',
        body: { ...input, id },
        id,
        ref: { caseId: id, beneficiaryId: input.beneficiaryId },
      });
      if (!outcome.queued) queryClient.setQueryData(['case', id], outcome.result);
      return id;
    },
  });
}

export type CaseAction =
  { kind: 'transitions'; to: TahapanCode } | { kind: 'verify' } | { kind: 'close'; alasan: CloseReason } | { kind: 'reopen' };

/**
 * The workflow buttons of a case. A stage move is field work and goes through the outbox with the
 * version it was based on: replayed after someone else changed the case, it comes back as
 * "konflik" with the server's case, never applied over it. Verify, close and reopen are sent now.
 */
export function useCaseAction(kase: CaseRecord, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, catatan }: { action: CaseAction; catatan: string }) => {
      const note = catatan || undefined;
      if (action.kind === 'transitions') {
        const outcome = await queueWrite<CaseRecord>({
          kind: 'transition',
          path: `/cases/${kase.id}/transitions`,
          body: { to: action.to, ...(note ? { catatan: note } : {}), version: kase.version },
          baseVersion: kase.version,
          ref: { caseId: kase.id },
        });
        return outcome.queued ? null : outcome.result;
      }
      const body =
        action.kind === 'close'
          ? { alasan: action.alasan, catatan: note, version: kase.version }
          : action.kind === 'reopen'
            ? { alasan: catatan, version: kase.version }
            : { catatan: note, version: kase.version };
      return api<CaseRecord>(`/cases/${kase.id}/${action.kind}`, { method: 'POST', json: body });
    },
    onSuccess: (updated) => {
      onDone();
      if (updated) queryClient.setQueryData(['case', kase.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['case', kase.id, 'timeline'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['case-summary'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT')
        void queryClient.invalidateQueries({ queryKey: ['case', kase.id] });
    },
  });
}

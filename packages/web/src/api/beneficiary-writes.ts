import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { queueWrite } from './outbox.js';
import { keys } from './queries.js';
import type { Beneficiary } from './types.js';

/**
 * Registering a person goes through the outbox with an id made on the device (issue 17): without
 * a signal the person is kept there, their page opens from it, and a case can be opened for them
 * (the queued case names this id; the server keeps it). An edit is a versioned PATCH sent now.
 */
export function useSaveBeneficiary(editing: { id: string; version: number } | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Record<string, unknown>): Promise<{ id: string; saved: Beneficiary | null }> => {
      if (editing) {
        const saved = await api<Beneficiary>(`/beneficiaries/${editing.id}`, {
          method: 'PATCH',
          json: { ...body, version: editing.version },
        });
        return { id: saved.id, saved };
      }
      const id = crypto.randomUUID();
      const outcome = await queueWrite<Beneficiary>({
        kind: 'beneficiary',
        path: '/beneficiaries',
        body: { ...body, id },
        id,
        ref: { beneficiaryId: id },
      });
      return { id, saved: outcome.queued ? null : outcome.result };
    },
    onSuccess: ({ saved }) => {
      if (saved) queryClient.setQueryData(keys.beneficiary(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['beneficiaries'] });
    },
  });
}

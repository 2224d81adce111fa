import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsentRecord, HubunganPemberi, ProcessingBasis, TujuanPemrosesan } from '@tuntas/domain';
import { api } from './client.js';

/** A person's consents and the legal basis of each processing purpose (UU 27/2022): reads and writes. */
export const consentKeys = {
  consents: (id: string) => ['beneficiary', id, 'consents'] as const,
  bases: (id: string) => ['beneficiary', id, 'processing-bases'] as const,
};

export function useConsents(id: string) {
  return useQuery({ queryKey: consentKeys.consents(id), queryFn: () => api<ConsentRecord[]>(`/beneficiaries/${id}/consents`) });
}

export function useProcessingBases(id: string) {
  return useQuery({ queryKey: consentKeys.bases(id), queryFn: () => api<ProcessingBasis[]>(`/beneficiaries/${id}/processing-bases`) });
}

export interface NewConsent {
  tujuan: string;
  kodeTujuan: TujuanPemrosesan;
  pemberiNama: string;
  hubungan: HubunganPemberi;
  diberikanPada: string;
}

function useRefreshConsents(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: consentKeys.consents(id) }),
      queryClient.invalidateQueries({ queryKey: consentKeys.bases(id) }),
    ]);
}

export function useAddConsent(id: string) {
  const refresh = useRefreshConsents(id);
  return useMutation({
    mutationFn: (json: NewConsent) => api<ConsentRecord>(`/beneficiaries/${id}/consents`, { method: 'POST', json }),
    onSuccess: refresh,
  });
}

export function useWithdrawConsent(id: string) {
  const refresh = useRefreshConsents(id);
  return useMutation({
    mutationFn: (consentId: string) => api<ConsentRecord>(`/beneficiaries/${id}/consents/${consentId}/withdraw`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

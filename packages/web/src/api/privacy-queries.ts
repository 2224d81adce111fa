import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LegalHoldView, RetentionResult } from '@tuntas/domain';
import { api } from './client.js';

/** Data protection (UU 27/2022): the retention schedule, legal holds, the data-subject report. */
export const privacyKeys = {
  retention: ['retention'] as const,
  holds: (semua: boolean) => ['legal-holds', semua] as const,
};

/** The schedule and what is due now (direktorat, national admin). */
export function useRetention(enabled: boolean) {
  return useQuery({ queryKey: privacyKeys.retention, queryFn: () => api<RetentionResult>('/retention'), enabled });
}

/** Holds in the caller's area, newest first; those released too when `semua`. */
export function useLegalHolds(semua: boolean, enabled = true) {
  return useQuery({
    queryKey: privacyKeys.holds(semua),
    queryFn: () => api<LegalHoldView[]>(`/legal-holds?semua=${semua}`),
    enabled,
  });
}

function useRefreshHolds() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['legal-holds'] }),
      queryClient.invalidateQueries({ queryKey: privacyKeys.retention }),
    ]);
}

/** Keeps a person (with all their cases) or a case out of anonymisation while the hold is in force. */
export function usePlaceHold(target: { kind: 'beneficiaries' | 'cases'; id: string }) {
  const refresh = useRefreshHolds();
  return useMutation({
    mutationFn: (alasan: string) => api<LegalHoldView>(`/${target.kind}/${target.id}/legal-holds`, { method: 'POST', json: { alasan } }),
    onSuccess: refresh,
  });
}

export function useReleaseHold() {
  const refresh = useRefreshHolds();
  return useMutation({
    mutationFn: ({ id, alasan }: { id: string; alasan: string }) =>
      api<LegalHoldView>(`/legal-holds/${id}/release`, { method: 'POST', json: { alasan } }),
    onSuccess: refresh,
  });
}

/** Where a person's data-subject report downloads (the area's koordinator; audited by the server). */
export const dataSubjectReportUrl = (beneficiaryId: string) => `/api/v1/beneficiaries/${beneficiaryId}/data-subject-report`;

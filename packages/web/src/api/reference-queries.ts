import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseloadLimitsView, LembagaJenis, LembagaView, StageTarget } from '@tuntas/domain';
import { api } from './client.js';

/** Data referensi (issue 20) beyond the calendar: stage targets, caseload limits, the referral directory. */
export const referenceKeys = {
  stageTargets: ['tahapan-targets'] as const,
  caseloadLimits: ['caseload-limits'] as const,
  directory: (wilayah: string) => ['lembaga', 'directory', wilayah] as const,
};

export function useStageTargets() {
  return useQuery({ queryKey: referenceKeys.stageTargets, queryFn: () => api<StageTarget[]>('/tahapan-targets') });
}

export function useSetStageTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: StageTarget) => api<StageTarget>('/tahapan-targets', { method: 'PUT', json }),
    // Deadlines of every case list and the tasks follow the targets.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: referenceKeys.stageTargets }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}

export function useCaseloadLimits() {
  return useQuery({ queryKey: referenceKeys.caseloadLimits, queryFn: () => api<CaseloadLimitsView>('/caseload-limits') });
}

export function useSetCaseloadLimits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { rekomendasi: number; maksimum: number }) => api<CaseloadLimitsView>('/caseload-limits', { method: 'PUT', json }),
    onSuccess: (data) => {
      queryClient.setQueryData(referenceKeys.caseloadLimits, data);
      void queryClient.invalidateQueries({ queryKey: ['caseload'] });
    },
  });
}

/** The directory as a referral sees it from an area: national institutions and those of the area. */
export function useDirectory(wilayah: string) {
  return useQuery({
    queryKey: referenceKeys.directory(wilayah),
    queryFn: () => api<LembagaView[]>(`/lembaga${wilayah ? `?wilayah=${wilayah}` : ''}`),
  });
}

export interface NewLembaga {
  nama: string;
  jenis: LembagaJenis;
  wilayah: string | null;
  alamat: string | null;
  telepon: string | null;
  batasHari: number;
}

export function useAddLembaga() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: NewLembaga) => api<LembagaView>('/lembaga', { method: 'POST', json }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['lembaga'] }),
  });
}

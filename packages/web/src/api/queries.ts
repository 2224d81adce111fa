import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, type Page } from './client.js';
import type { CaseEventRecord, CaseRecord, CaseSort, CaseStatus } from '@tuntas/domain';
import { restoredOwner } from '../offline/persist.js';
import { refreshDeviceKey } from '../offline/vault.js';
import type { Beneficiary, Me, Wilayah } from './types.js';

/**
 * Every server read goes through these hooks, so the offline layer (offline/, api/outbox.ts) sits
 * beneath them — a persisted query cache and a write queue — without touching the screens.
 */
export const keys = {
  me: ['auth', 'me'] as const,
  wilayah: (code: string | null) => ['wilayah', code] as const,
  beneficiaries: (params: Record<string, string | number | undefined>) => ['beneficiaries', params] as const,
  beneficiary: (id: string) => ['beneficiary', id] as const,
  household: (id: string) => ['beneficiary', id, 'household'] as const,
};

/** Who is signed in (GET /auth/session): null from the server is an error here, 401. */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async () => {
    const { user } = await api<{ user: Me | null }>('/auth/session');
    if (!user) {
      // The server no longer honours this device's session while the device keeps someone's
      // work: asking for its key tells why, and a session ended on purpose (account disabled,
      // device signed out) erases the PIN that would open that work offline (vault.ts).
      const owner = restoredOwner();
      if (owner) await refreshDeviceKey(owner).catch(() => undefined);
      throw new ApiError(401, 'UNAUTHENTICATED', '');
    }
    return user;
  },
  retry: false,
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/** Reference data never changes while the app runs: fetched once, kept. */
export function useWilayahChildren(code: string | null) {
  return useQuery({
    queryKey: keys.wilayah(code),
    queryFn: async () =>
      code === null
        ? api<Wilayah[]>('/wilayah/provinces')
        : (await api<{ wilayah: Wilayah; children: Wilayah[] }>(`/wilayah/${code}`)).children,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useWilayah(code: string | null | undefined) {
  return useQuery({
    queryKey: ['wilayah-one', code],
    queryFn: async () => (await api<{ wilayah: Wilayah }>(`/wilayah/${code}`)).wilayah,
    enabled: Boolean(code),
    staleTime: Infinity,
  });
}

export function usePpks() {
  return useQuery({
    queryKey: ['ppks'],
    queryFn: () => api<Array<{ kode: string; nama: string; singkatan: string; dataSpesifik: boolean }>>('/ppks'),
    staleTime: Infinity,
  });
}

export function useBeneficiaries(params: { q?: string; page: number; pageSize: number }, options: { enabled?: boolean } = {}) {
  const search = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
  if (params.q) search.set('q', params.q);
  return useQuery({
    queryKey: keys.beneficiaries(params),
    queryFn: () => api<Page<Beneficiary>>(`/beneficiaries?${search}`),
    enabled: options.enabled ?? true,
    placeholderData: (previous) => previous,
  });
}

export function useBeneficiary(id: string) {
  return useQuery({
    queryKey: keys.beneficiary(id),
    queryFn: () => api<Beneficiary>(`/beneficiaries/${id}`),
    retry: false,
    enabled: id !== '',
  });
}

/**
 * Whether a complete NIK is already registered, asked while the registration form is filled in
 * (`nik` is '' until 16 digits are typed). Offline it simply stays unanswered; saving still checks.
 */
export function useNikCheck(nik: string) {
  return useQuery({
    queryKey: ['nik-check', nik],
    queryFn: () => api<{ terdaftar: boolean; orang: { id: string; nama: string } | null }>(`/beneficiaries/nik-check/${nik}`),
    enabled: /^[0-9]{16}$/.test(nik),
    retry: false,
    staleTime: 60_000,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: keys.household(id),
    queryFn: () => api<{ noKk: string | null; members: Beneficiary[] }>(`/beneficiaries/${id}/household`),
  });
}

export interface CaseListParams {
  page: number;
  pageSize: number;
  status?: string | undefined;
  q?: string | undefined;
  pendampingId?: string | undefined;
  beneficiaryId?: string | undefined;
  terlambat?: boolean | undefined;
  wilayah?: string | undefined;
  ppks?: string | undefined;
  tahapan?: string | undefined;
  tanpaPendamping?: boolean | undefined;
  urut?: CaseSort | undefined;
  arah?: 'asc' | 'desc' | undefined;
}

function caseSearch(params: Record<string, string | number | boolean | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return search;
}

export function useCases(params: CaseListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: ['cases', params],
    queryFn: () => api<Page<CaseRecord>>(`/cases?${caseSearch({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: ['case', id], queryFn: () => api<CaseRecord>(`/cases/${id}`), retry: false });
}

export function useCaseTimeline(id: string) {
  return useQuery({ queryKey: ['case', id, 'timeline'], queryFn: () => api<CaseEventRecord[]>(`/cases/${id}/timeline`) });
}

export function useCaseSummary(params: { pendampingId?: string | undefined }) {
  return useQuery({
    queryKey: ['case-summary', params],
    queryFn: () =>
      api<{ byStatus: Record<CaseStatus, number>; byPpks: Record<string, number> }>(`/dashboard/summary?${caseSearch(params)}`),
  });
}

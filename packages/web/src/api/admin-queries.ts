import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuditEventRecord,
  ChainVerdict,
  LastSignIn,
  Role,
  SessionRecord,
  StaffImportResult,
  UserDetailRecord,
  UserRecord,
} from '@tuntas/domain';
import { api, type Page } from './client.js';

/** Reads and writes of Pengguna and Jejak audit (issue 20); the only place these screens talk to the server. */

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
  wilayah?: string | undefined;
  aktif?: boolean | undefined;
  lastSignIn?: LastSignIn | undefined;
  page: number;
  pageSize: number;
}

export interface AuditFilters {
  actorUsername?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  wilayah?: string | undefined;
  /** ISO instants. */
  from?: string | undefined;
  to?: string | undefined;
  protectedReads?: boolean | undefined;
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== null) search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

const adminKeys = {
  users: (filters: UserFilters) => ['users', filters] as const,
  user: (id: string) => ['users', 'one', id] as const,
  sessions: (id: string) => ['users', 'one', id, 'sessions'] as const,
  audit: (filters: AuditFilters & { page: number; pageSize: number }) => ['audit', 'events', filters] as const,
  verify: ['audit', 'verify'] as const,
};

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: adminKeys.users(filters),
    queryFn: () => api<Page<UserRecord>>(`/users${query(filters)}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({ queryKey: adminKeys.user(id ?? ''), queryFn: () => api<UserDetailRecord>(`/users/${id}`), enabled: id !== null });
}

export function useUserSessions(id: string | null) {
  return useQuery({
    queryKey: adminKeys.sessions(id ?? ''),
    queryFn: () => api<SessionRecord[]>(`/users/${id}/sessions`),
    enabled: id !== null,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['users'] });
}

export interface NewAccount {
  username: string;
  role: Role;
  wilayah: string | null;
  namaLengkap: string | null;
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: NewAccount) => api<UserRecord & { temporaryPassword: string | null }>('/users', { method: 'POST', json: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (change: Partial<Pick<UserRecord, 'role' | 'wilayah' | 'namaLengkap' | 'disabled'>>) =>
      api<UserRecord>(`/users/${id}`, { method: 'PATCH', json: change }),
    onSuccess: invalidate,
  });
}

export function useResetPassword(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: () => api<{ temporaryPassword: string }>(`/users/${id}/password`, { method: 'POST', json: {} }),
    onSuccess: invalidate,
  });
}

/** A lost authenticator, removed by an admin with the reason; the user's sessions end. */
export function useResetTwoFactor(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (alasan: string) => api<{ ended: number }>(`/users/${id}/two-factor/reset`, { method: 'POST', json: { alasan } }),
    onSuccess: invalidate,
  });
}

export function useEndSessions(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (session: string | null) =>
      api<{ ended: number }>(`/users/${id}/sessions${session ? `/${session}` : ''}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useAuditEvents(filters: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: adminKeys.audit(filters),
    queryFn: () => api<Page<AuditEventRecord>>(`/audit-events${query(filters)}`),
    placeholderData: keepPreviousData,
  });
}

/** The chain's verification (itself an audit event): checked when the screen opens, again on request. */
export function useChainVerdict() {
  return useQuery({ queryKey: adminKeys.verify, queryFn: () => api<ChainVerdict>('/audit-events/verify'), staleTime: 5 * 60_000 });
}

/** The audited CSV export of the same filters, downloaded by the browser. */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/v1/audit-events/export${query(filters)}`;
}

/** The staff list (XLSX) that opens many accounts: a dry run first, then the import; the accounts list follows. */
export function useStaffImport() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      api<StaffImportResult>(`/users/import${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      }),
    onSuccess: (result) => {
      if (!result.dryRun) invalidate();
    },
  });
}

export interface TwoFactorRoleSetting {
  role: Role;
  wajib: boolean;
  sumber: 'pengaturan' | 'pengguna';
}

/** Which roles must sign in with two factors (national admin). */
export function useTwoFactorPolicy(enabled: boolean) {
  return useQuery({
    queryKey: ['two-factor-policy'],
    queryFn: () => api<TwoFactorRoleSetting[]>('/two-factor-policy'),
    enabled,
  });
}

export function useSetTwoFactorPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, wajib }: { role: Role; wajib: boolean }) =>
      api<TwoFactorRoleSetting[]>(`/two-factor-policy/${role}`, { method: 'PUT', json: { wajib } }),
    onSuccess: (data) => queryClient.setQueryData(['two-factor-policy'], data),
  });
}

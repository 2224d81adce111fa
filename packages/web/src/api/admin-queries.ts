import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@tuntas/domain';
import { api, type Page } from './client.js';

/** Reads and writes of Pengguna and Jejak audit (issue 20); the only place these screens talk to the server. */

export interface UserAccount {
  id: string;
  username: string;
  role: Role;
  wilayah: string | null;
  namaLengkap: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface UserAccountDetail extends UserAccount {
  riwayatPenugasan: Array<{ wilayah: string | null; sejak: string }>;
}

export interface UserSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export type LastSignIn = 'never' | 'within30d' | 'over30d' | 'over90d';

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
  wilayah?: string | undefined;
  aktif?: boolean | undefined;
  lastSignIn?: LastSignIn | undefined;
  page: number;
  pageSize: number;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  wilayah: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  subjectId: string | null;
  protectedRead: boolean;
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

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
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
  return useQuery({ queryKey: adminKeys.users(filters), queryFn: () => api<Page<UserAccount>>(`/users${query(filters)}`), placeholderData: keepPreviousData });
}

export function useUser(id: string | null) {
  return useQuery({ queryKey: adminKeys.user(id ?? ''), queryFn: () => api<UserAccountDetail>(`/users/${id}`), enabled: id !== null });
}

export function useUserSessions(id: string | null) {
  return useQuery({ queryKey: adminKeys.sessions(id ?? ''), queryFn: () => api<UserSession[]>(`/users/${id}/sessions`), enabled: id !== null });
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
    mutationFn: (input: NewAccount) => api<UserAccount & { temporaryPassword: string | null }>('/users', { method: 'POST', json: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (change: Partial<Pick<UserAccount, 'role' | 'wilayah' | 'namaLengkap' | 'disabled'>>) => api<UserAccount>(`/users/${id}`, { method: 'PATCH', json: change }),
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

export function useEndSessions(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (session: string | null) => api<{ ended: number }>(`/users/${id}/sessions${session ? `/${session}` : ''}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useAuditEvents(filters: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: adminKeys.audit(filters), queryFn: () => api<Page<AuditEvent>>(`/audit-events${query(filters)}`), placeholderData: keepPreviousData });
}

/** The chain's verification (itself an audit event): checked when the screen opens, again on request. */
export function useChainVerdict() {
  return useQuery({ queryKey: adminKeys.verify, queryFn: () => api<ChainVerdict>('/audit-events/verify'), staleTime: 5 * 60_000 });
}

/** The audited CSV export of the same filters, downloaded by the browser. */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/v1/audit-events/export${query(filters)}`;
}

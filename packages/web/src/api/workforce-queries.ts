import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivityRecord,
  AttendanceRecapRow,
  AttendanceRecord,
  NilaiBerakhlak,
  PerformanceRecord,
  Rating,
  TeamDayRow,
} from '@tuntas/domain';
import { api, type Page } from './client.js';
import { queueWrite } from './outbox.js';

/** Reads and writes of the workforce screens; like queries.ts, the only place these screens talk to the server. */
export const workforceKeys = {
  today: ['attendance', 'today'] as const,
  attendance: (params: Record<string, string | number | undefined>) => ['attendance', 'list', params] as const,
  team: (tanggal: string | undefined) => ['attendance', 'team', tanggal] as const,
  recap: (bulan: string) => ['attendance', 'recap', bulan] as const,
  activities: (params: Record<string, string | number | undefined>) => ['activities', params] as const,
  performance: (userId: string, year: number) => ['performance', userId, year] as const,
};

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return search.toString();
};

export function useAttendanceToday() {
  return useQuery({
    queryKey: workforceKeys.today,
    queryFn: () => api<{ tanggal: string; presensi: AttendanceRecord | null }>('/attendance/today'),
  });
}

export function useAttendance(params: { userId?: string; persetujuan?: string; pageSize?: number }) {
  return useQuery({
    queryKey: workforceKeys.attendance(params),
    queryFn: () => api<Page<AttendanceRecord>>(`/attendance?${query(params)}`),
  });
}

export function useTeamDay(tanggal?: string) {
  return useQuery({
    queryKey: workforceKeys.team(tanggal),
    queryFn: () => api<{ tanggal: string; items: TeamDayRow[] }>(`/attendance/team?${query({ tanggal })}`),
  });
}

export function useRecap(bulan: string) {
  return useQuery({
    queryKey: workforceKeys.recap(bulan),
    queryFn: () => api<{ bulan: string; items: AttendanceRecapRow[] }>(`/attendance/recap?bulan=${bulan}`),
  });
}

export function useActivities(params: { tanggal?: string; status?: string; userId?: string; pageSize?: number }) {
  return useQuery({ queryKey: workforceKeys.activities(params), queryFn: () => api<Page<ActivityRecord>>(`/activities?${query(params)}`) });
}

export function usePerformance(userId: string, year: number) {
  return useQuery({
    queryKey: workforceKeys.performance(userId, year),
    queryFn: () => api<PerformanceRecord>(`/performance/${userId}?year=${year}`),
    retry: false,
  });
}

export interface PlanChange {
  perilakuCatatan?: string | null;
  hasilKerjaPenyesuaian?: Rating | null;
  hasilKerjaAlasan?: string | null;
}

/** The koordinator's SKP decisions: the answer is the whole record, put straight into the cache. */
export function usePlanUpdate(userId: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: PlanChange) => api<PerformanceRecord>(`/performance/${userId}/plan?year=${year}`, { method: 'PUT', json }),
    onSuccess: (data) => queryClient.setQueryData(workforceKeys.performance(userId, year), data),
  });
}

export function useBehaviourRating(userId: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { periode: string; nilai: Record<NilaiBerakhlak, Rating>; catatan: string | null }) =>
      api<PerformanceRecord>(`/performance/${userId}/behaviour/${input.periode}?year=${year}`, {
        method: 'PUT',
        json: { nilai: input.nilai, catatan: input.catatan },
      }),
    onSuccess: (data) => queryClient.setQueryData(workforceKeys.performance(userId, year), data),
  });
}

export interface Caseload {
  rekomendasi: number;
  maksimum: number;
  items: Array<{ pendampingId: string; username: string; nama: string | null; wilayah: string; aktif: number; terlambat: number }>;
}

/** The office's view of every pendamping's caseload (koordinator, direktorat; a pendamping gets 403). */
export function useCaseload(enabled = true) {
  return useQuery({ queryKey: ['caseload'], queryFn: () => api<Caseload>('/caseload'), enabled });
}

/** The browser's position for presensi: high accuracy, a fresh fix (at most a minute old). */
export function currentPosition(): Promise<{ lat: number; lng: number; accuracy: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('no-geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
      reject,
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  });
}

/** After a decision the inboxes, the day reports and the recaps are stale. */
function useWorkforceRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['activities'] });
    void queryClient.invalidateQueries({ queryKey: ['attendance'] });
  };
}

/** POST /activities/review: approves the given submitted entries in one call. */
export function useApproveActivities() {
  const refresh = useWorkforceRefresh();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api<{ items: ActivityRecord[] }>('/activities/review', { method: 'POST', json: { ids, keputusan: 'disetujui' } }),
    onSuccess: refresh,
  });
}

/** POST /activities/{id}/return: back to the pendamping with a comment. */
export function useReturnActivity(id: string) {
  const refresh = useWorkforceRefresh();
  return useMutation({
    mutationFn: (komentar: string) => api<ActivityRecord>(`/activities/${id}/return`, { method: 'POST', json: { komentar } }),
    onSuccess: refresh,
  });
}

/** POST /attendance/{id}/approve|reject: an absence request decided. */
export function useJudgeAbsence() {
  const refresh = useWorkforceRefresh();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' }) =>
      api<AttendanceRecord>(`/attendance/${id}/${action}`, { method: 'POST', json: {} }),
    onSuccess: refresh,
  });
}

/** POST /attendance/absence through the outbox (issue 17): izin, sakit or cuti asked for without a signal is kept and sent later. */
export function queueAbsence(body: { tanggal: string; status: string; catatan: string }) {
  return queueWrite({ kind: 'absence', path: '/attendance/absence', body, ref: { tanggal: body.tanggal } });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HariLibur, JamKerjaKhusus, JenisHariLibur } from '@tuntas/domain';
import { api } from './client.js';

/**
 * The working calendar (issue 19): holidays, cuti bersama and special hours (Ramadan) of a year.
 * The only place the Data referensi screen and Presensi talk to the server about it.
 */

export type HariLiburRecord = HariLibur & { sumber: string | null };
export type JamKhususRecord = JamKerjaKhusus & { id: string; sumber: string | null };

export interface KalenderTahun {
  tahun: number;
  libur: HariLiburRecord[];
  jamKhusus: JamKhususRecord[];
}

export interface HariLiburInput {
  tanggal: string;
  jenis: JenisHariLibur;
  nama: string;
  sumber: string | null;
}

export type JamKhususInput = Omit<JamKhususRecord, 'id'>;

export const calendarKeys = {
  all: ['kalender-kerja'] as const,
  year: (tahun: number) => ['kalender-kerja', tahun] as const,
};

/**
 * A normal query, so the kept cache (offline/persist.ts) carries it: Presensi still knows
 * today's holiday or Ramadan hours without a signal. The calendar changes a few times a year.
 */
export function useCalendarYear(tahun: number) {
  return useQuery({
    queryKey: calendarKeys.year(tahun),
    queryFn: () => api<KalenderTahun>(`/kalender-kerja?tahun=${tahun}`),
    staleTime: 60 * 60_000,
  });
}

/** After a change the server recounts TL/PSW of the days it touches: attendance is read again too. */
function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['attendance'] });
  };
}

// Online writes (not through the outbox): the national admin keeps the calendar at a desk, and
// the server's refusal (an overlap) must be seen at once.
export function useSetHoliday() {
  const onSuccess = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ tanggal, ...body }: HariLiburInput) =>
      api<HariLiburRecord>(`/kalender-kerja/libur/${tanggal}`, { method: 'PUT', json: body }),
    onSuccess,
  });
}

export function useRemoveHoliday() {
  const onSuccess = useInvalidateCalendar();
  return useMutation({
    mutationFn: (tanggal: string) => api<void>(`/kalender-kerja/libur/${tanggal}`, { method: 'DELETE' }),
    onSuccess,
  });
}

export function useAddSpecialHours() {
  const onSuccess = useInvalidateCalendar();
  return useMutation({
    mutationFn: (input: JamKhususInput) => api<JamKhususRecord>('/kalender-kerja/jam-khusus', { method: 'POST', json: input }),
    onSuccess,
  });
}

export function useRemoveSpecialHours() {
  const onSuccess = useInvalidateCalendar();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/kalender-kerja/jam-khusus/${id}`, { method: 'DELETE' }),
    onSuccess,
  });
}

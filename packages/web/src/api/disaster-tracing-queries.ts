import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AidList,
  AidRecord,
  AlasanTutupPenelusuran,
  ArahPenelusuran,
  HubunganPelapor,
  JenisBantuan,
  JenisPenelusuran,
  StatusPenelusuran,
  TracingCandidate,
  TracingRecord,
} from '@tuntas/domain';
import { api, type Page } from './client.js';
import { queueWrite } from './outbox.js';

/**
 * Family tracing and aid of a disaster event (issue 18): the Penelusuran and Bantuan tabs' only
 * way to the server. Keys start with ['disasters', id] like the event's other panels, so a write
 * (here or replayed from the outbox) refreshes them, the sitrep included.
 */
export const tracingKeys = {
  list: (id: string, params: TracingListParams) => ['disasters', id, 'tracing', 'list', params] as const,
  one: (id: string, tracingId: string) => ['disasters', id, 'tracing', tracingId] as const,
  matches: (id: string, tracingId: string) => ['disasters', id, 'tracing', tracingId, 'matches'] as const,
  aid: (id: string, page: number) => ['disasters', id, 'aid', page] as const,
};

export interface TracingListParams {
  arah?: ArahPenelusuran | undefined;
  status?: StatusPenelusuran | undefined;
  page: number;
  pageSize: number;
}

const query = (params: object) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
};

export function useTracingList(disasterId: string, params: TracingListParams) {
  return useQuery({
    queryKey: tracingKeys.list(disasterId, params),
    queryFn: () => api<Page<TracingRecord>>(`/disasters/${disasterId}/tracing${query(params)}`),
    placeholderData: (previous) => previous,
  });
}

export function useTracing(disasterId: string, tracingId: string) {
  return useQuery({
    queryKey: tracingKeys.one(disasterId, tracingId),
    queryFn: () => api<TracingRecord>(`/disasters/${disasterId}/tracing/${tracingId}`),
  });
}

/** Open records of the other direction that may be the same person, best first (none once matched). */
export function useTracingMatches(disasterId: string, tracingId: string, enabled: boolean) {
  return useQuery({
    queryKey: tracingKeys.matches(disasterId, tracingId),
    enabled,
    queryFn: () => api<TracingCandidate[]>(`/disasters/${disasterId}/tracing/${tracingId}/matches`),
  });
}

export interface NewTracing {
  jenis: JenisPenelusuran;
  arah: ArahPenelusuran;
  nama?: string;
  jenisKelamin: 'L' | 'P';
  tanggalLahir?: string;
  perkiraanUmur?: number;
  kodeDesa?: string;
  tempat?: string;
  ciriCiri?: string;
  tanggal: string;
  pelapor?: { nama: string; kontak?: string; hubungan: HubunganPelapor };
}

/**
 * A sought or found person is recorded where the family is, often without a signal: through the
 * outbox, with an id made here (the server takes it), so a replay never records them twice.
 */
export function useRecordTracing(disasterId: string) {
  return useMutation({
    mutationFn: (input: NewTracing & { id: string }) =>
      queueWrite<TracingRecord>({
        kind: 'tracing',
        id: input.id,
        path: `/disasters/${disasterId}/tracing`,
        body: { ...input },
        ref: { disasterId },
      }),
  });
}

/** Confirming, reuniting and closing are decisions on what the server holds now: sent at once, not queued. */
function useTracingMove<T>(disasterId: string, tracingId: string, step: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<TracingRecord>(`/disasters/${disasterId}/tracing/${tracingId}/${step}`, { method: 'POST', json: body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['disasters', disasterId] }),
  });
}

export const useConfirmMatch = (disasterId: string, tracingId: string) =>
  useTracingMove<{ pasanganId: string }>(disasterId, tracingId, 'matches');

export const useRecordReunification = (disasterId: string, tracingId: string) =>
  useTracingMove<{ tanggal: string; tempat: string; diserahkanKepada: string; catatan?: string }>(disasterId, tracingId, 'reunification');

export const useCloseTracing = (disasterId: string, tracingId: string) =>
  useTracingMove<{ alasan: AlasanTutupPenelusuran; catatan?: string }>(disasterId, tracingId, 'close');

export function useAid(disasterId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: tracingKeys.aid(disasterId, page),
    queryFn: () => api<AidList>(`/disasters/${disasterId}/aid${query({ page, pageSize })}`),
    placeholderData: (previous) => previous,
  });
}

export interface NewAid {
  jenis: JenisBantuan;
  uraian: string;
  nilaiRupiah: number;
  jumlah?: number;
  satuan?: string;
  affectedId?: string;
  keluargaId?: string;
  nomorBast: string;
  tanggal: string;
  diserahkanOleh: string;
}

/**
 * Aid is handed over at the shelter: recorded through the outbox. Online, a refusal (a BAST
 * number already used for someone else: 409 AID_BAST_REUSED) is thrown for the form to show;
 * replayed later, it stays on the device as "ditolak" with the server's reason.
 */
export function useRecordAid(disasterId: string) {
  return useMutation({
    mutationFn: (input: NewAid) =>
      queueWrite<AidRecord>({ kind: 'aid', path: `/disasters/${disasterId}/aid`, body: { ...input }, ref: { disasterId } }),
  });
}

/** A found person's record linked to the affected person registered later (issue 18). */
export const useLinkTracingAffected = (disasterId: string, tracingId: string) =>
  useTracingMove<{ affectedId: string; version: number }>(disasterId, tracingId, 'affected');

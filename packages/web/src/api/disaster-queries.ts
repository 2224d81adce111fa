import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AffectedRecord,
  DeployableRecord,
  DeploymentRecord,
  DisasterRecord,
  DisasterStatusChange,
  FasilitasPosko,
  JenisBencana,
  JenisLdp,
  JenisPosko,
  KelompokRentan,
  KelompokUmurLdp,
  KondisiKorban,
  LdpSessionRecord,
  PeranPenugasan,
  ShelterRecord,
  SitrepRecord,
  StatusBencana,
} from '@tuntas/domain';
import { api, type Page } from './client.js';
import { queueWrite } from './outbox.js';

/**
 * Reads and writes of the Bencana screens (issue 18); the only place they talk to the server.
 * Every key of one event starts with ['disasters', id], so a write refreshes all of its panels.
 */
export const disasterKeys = {
  all: ['disasters'] as const,
  list: (params: DisasterListParams) => ['disasters', 'list', params] as const,
  one: (id: string) => ['disasters', id] as const,
  history: (id: string) => ['disasters', id, 'history'] as const,
  deployments: (id: string) => ['disasters', id, 'deployments'] as const,
  shelters: (id: string) => ['disasters', id, 'shelters'] as const,
  affected: (id: string, params: AffectedListParams) => ['disasters', id, 'affected', params] as const,
  ldp: (id: string) => ['disasters', id, 'ldp-sessions'] as const,
  sitrep: (id: string, tanggal: string) => ['disasters', id, 'sitrep', tanggal] as const,
  deployable: (id: string, q: string) => ['disasters', id, 'deployable', q] as const,
};

export interface DisasterListParams {
  /** Only events not yet `selesai`. */
  aktif?: boolean | undefined;
  status?: StatusBencana | undefined;
}

export interface AffectedListParams {
  shelterId?: string | undefined;
  kondisi?: KondisiKorban | undefined;
  kemungkinanGanda?: boolean | undefined;
  /** A name, NIK or temporary number: searched by the server. */
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const query = (params: object) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== null) search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
};

export function useDisasters(params: DisasterListParams = {}, options: { enabled?: boolean; staleTime?: number } = {}) {
  return useQuery({
    queryKey: disasterKeys.list(params),
    queryFn: () => api<DisasterRecord[]>(`/disasters${query(params)}`),
    enabled: options.enabled ?? true,
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
    placeholderData: (previous) => previous,
  });
}

export function useDisaster(id: string) {
  return useQuery({ queryKey: disasterKeys.one(id), queryFn: () => api<DisasterRecord>(`/disasters/${id}`), retry: false });
}

export function useStatusHistory(id: string) {
  return useQuery({ queryKey: disasterKeys.history(id), queryFn: () => api<DisasterStatusChange[]>(`/disasters/${id}/status-history`) });
}

export function useDeployments(id: string) {
  return useQuery({ queryKey: disasterKeys.deployments(id), queryFn: () => api<DeploymentRecord[]>(`/disasters/${id}/deployments`) });
}

export function useShelters(id: string) {
  return useQuery({ queryKey: disasterKeys.shelters(id), queryFn: () => api<ShelterRecord[]>(`/disasters/${id}/shelters`) });
}

export function useAffected(id: string, params: AffectedListParams) {
  return useQuery({
    queryKey: disasterKeys.affected(id, params),
    queryFn: () => api<Page<AffectedRecord>>(`/disasters/${id}/affected${query(params)}`),
    placeholderData: (previous) => previous,
  });
}

export function useLdpSessions(id: string) {
  return useQuery({ queryKey: disasterKeys.ldp(id), queryFn: () => api<LdpSessionRecord[]>(`/disasters/${id}/ldp-sessions`) });
}

export function useSitrep(id: string, tanggal: string) {
  return useQuery({
    queryKey: disasterKeys.sitrep(id, tanggal),
    queryFn: () => api<SitrepRecord>(`/disasters/${id}/sitrep?tanggal=${tanggal}`),
  });
}

/** The documents of a day's situation report (the browser downloads them with the session cookie). */
export function sitrepDocument(id: string, tanggal: string, format: 'pdf' | 'xlsx'): string {
  return `/api/v1/disasters/${id}/sitrep?tanggal=${tanggal}&format=${format}`;
}

/** Pendamping of any province the event's manager may deploy, by name or username (at most 20). */
export function useDeployable(id: string, q: string) {
  return useQuery({
    queryKey: disasterKeys.deployable(id, q.trim()),
    enabled: q.trim().length >= 2,
    placeholderData: (previous) => previous,
    queryFn: () => api<DeployableRecord[]>(`/disasters/${id}/deployable${query({ q: q.trim() })}`),
  });
}

/** After a posko sheet was stored: the event's people, shelters' occupants and sitrep are new. */
export const useAffectedImported = (id: string) => useRefresh(id);

function useRefresh(id?: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: id ? disasterKeys.one(id) : disasterKeys.all });
}

export interface NewDisaster {
  nama: string;
  jenis: JenisBencana;
  wilayah: string[];
  mulai: string;
  status?: 'siaga_darurat' | 'tanggap_darurat';
  keterangan?: string;
}

export function useDeclareDisaster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewDisaster) => api<DisasterRecord>('/disasters', { method: 'POST', json: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disasterKeys.all }),
  });
}

export function useMoveStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { status: StatusBencana; catatan?: string }) =>
      api<DisasterRecord>(`/disasters/${id}/status`, { method: 'POST', json: input }),
    // The list's chips and the dashboard's card change too.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disasterKeys.all }),
  });
}

export interface NewDeployment {
  userId: string;
  mulai: string;
  selesai: string;
  peran: PeranPenugasan;
  suratTugas?: string;
}

export function useDeploy(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (input: NewDeployment) => api<DeploymentRecord>(`/disasters/${id}/deployments`, { method: 'POST', json: input }),
    onSuccess: refresh,
  });
}

/** Ends a deployment early: a last day from its start to today (issue 18). */
export function useEndDeployment(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ deploymentId, ...input }: { deploymentId: string; selesai: string; alasan?: string }) =>
      api<DeploymentRecord>(`/disasters/${id}/deployments/${deploymentId}/end`, { method: 'POST', json: input }),
    onSuccess: refresh,
  });
}

export interface NewShelter {
  nama: string;
  jenis: JenisPosko;
  kodeDesa: string;
  lat?: number;
  lng?: number;
  kapasitas: number;
  fasilitas: FasilitasPosko[];
  kebutuhan?: string;
}

export function useAddShelter(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (input: NewShelter) => api<ShelterRecord>(`/disasters/${id}/shelters`, { method: 'POST', json: input }),
    onSuccess: refresh,
  });
}

export interface NewAffected {
  nik: string | null;
  alasanTanpaNik?: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tanggalLahir?: string;
  perkiraanUmur?: number;
  kodeDesa: string;
  shelterId?: string;
  kondisi: KondisiKorban;
  kelompokRentan: KelompokRentan[];
  kebutuhan?: string;
  keluargaId?: string;
}

/**
 * Registration in the field goes through the outbox: without a signal it is kept on the phone
 * and sent once when the network answers (same Idempotency-Key, so never twice). The record's id
 * is made here, so the next member of the household can name it before it reached the server.
 */
export function useRegisterAffected(disasterId: string) {
  const refresh = useRefresh(disasterId);
  return useMutation({
    mutationFn: (input: NewAffected & { id: string }) =>
      queueWrite<AffectedRecord>({
        kind: 'affected',
        id: input.id,
        path: `/disasters/${disasterId}/affected`,
        body: { ...input },
        ref: { disasterId },
      }),
    onSuccess: refresh,
  });
}

export function useUpdateAffected(disasterId: string) {
  const refresh = useRefresh(disasterId);
  return useMutation({
    mutationFn: ({
      affectedId,
      ...change
    }: {
      affectedId: string;
      version: number;
      kondisi?: KondisiKorban;
      shelterId?: string | null;
      kelompokRentan?: KelompokRentan[];
      kebutuhan?: string | null;
    }) =>
      queueWrite<AffectedRecord>({
        kind: 'affectedEdit',
        method: 'PATCH',
        path: `/disasters/${disasterId}/affected/${affectedId}`,
        body: change,
        baseVersion: change.version,
        ref: { disasterId },
      }),
    onSuccess: refresh,
  });
}

/** One step from the shelter into the registry's casework: a rehabilitation case in the host area. */
export function useOpenAffectedCase(disasterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { affectedId: string; ppks?: '21' | '22'; catatan?: string }) => {
      const { affectedId, ...body } = input;
      return api<AffectedRecord>(`/disasters/${disasterId}/affected/${affectedId}/case`, { method: 'POST', json: body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: disasterKeys.one(disasterId) });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export interface NewLdpSession {
  tanggal: string;
  jenis: JenisLdp;
  shelterId?: string;
  tempat?: string;
  fasilitator: string[];
  peserta: string[];
  hitungan: Array<{ kelompokUmur: KelompokUmurLdp; jenisKelamin: 'L' | 'P'; jumlah: number }>;
  catatan?: string;
}

/** LDP attendance is taken at the shelter, often without a signal: through the outbox too. */
export function useRecordLdp(disasterId: string) {
  const refresh = useRefresh(disasterId);
  return useMutation({
    mutationFn: (input: NewLdpSession) =>
      queueWrite<LdpSessionRecord>({
        kind: 'ldpSession',
        path: `/disasters/${disasterId}/ldp-sessions`,
        body: { ...input },
        ref: { disasterId },
      }),
    onSuccess: refresh,
  });
}

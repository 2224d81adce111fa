import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CertificateRecord,
  CertificateVerification,
  CheckinToken,
  CompetencyMatrix,
  CompletionResult,
  DevelopmentHours,
  InvitationPreview,
  ParticipantTest,
  TestBank,
  TestJenis,
  TestResult,
  TestResults,
  TrainingParticipant,
  TrainingRecord,
} from '@tuntas/domain';
import { api, ApiError } from './client.js';

/** Reads and writes of the Pelatihan screens (issue 22); the only place they talk to the server. */
export const trainingKeys = {
  list: ['trainings'] as const,
  participants: (id: string) => ['trainings', id, 'participants'] as const,
  certificates: (id: string) => ['trainings', id, 'certificates'] as const,
  mine: ['certificates', 'mine'] as const,
  hours: (year: number) => ['development-hours', year] as const,
  matrix: ['competencies'] as const,
};

export function useTrainings() {
  return useQuery({ queryKey: trainingKeys.list, queryFn: () => api<TrainingRecord[]>('/trainings') });
}

export function useParticipants(id: string, enabled = true) {
  return useQuery({
    queryKey: trainingKeys.participants(id),
    queryFn: () => api<TrainingParticipant[]>(`/trainings/${id}/participants`),
    enabled,
  });
}

export function useMyCertificates() {
  return useQuery({ queryKey: trainingKeys.mine, queryFn: () => api<CertificateRecord[]>('/certificates') });
}

export function useDevelopmentHours(year: number) {
  return useQuery({ queryKey: trainingKeys.hours(year), queryFn: () => api<DevelopmentHours>(`/development-hours?year=${year}`) });
}

export function useCompetencies(enabled = true) {
  return useQuery({ queryKey: trainingKeys.matrix, queryFn: () => api<CompetencyMatrix>('/competencies'), enabled });
}

/** The public check of a certificate number: works without a session. */
export function useVerification(nomor: string) {
  return useQuery({
    queryKey: ['verify', nomor],
    queryFn: () => api<CertificateVerification>(`/certificates/${encodeURIComponent(nomor)}/verify`),
    retry: false,
  });
}

export function useCompleteTraining(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<CompletionResult>(`/trainings/${id}/complete`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trainingKeys.list }),
  });
}

/** The organiser's QR code of one session; refetched every 30 s because the token rotates every minute. */
export function useCheckinToken(id: string, unit: string | null) {
  return useQuery({
    queryKey: ['trainings', id, 'checkin-token', unit],
    queryFn: () => api<CheckinToken>(`/trainings/${id}/units/${encodeURIComponent(unit ?? '')}/checkin-token`),
    enabled: unit !== null,
    refetchInterval: 30_000,
  });
}

/** A participant's check-in with the token the QR code carries. */
export function useQrCheckIn(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<TrainingParticipant>(`/trainings/${id}/checkin`, { method: 'POST', json: { token } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trainingKeys.participants(id) }),
  });
}

/** What an invitation selects: by province(s), a competency gap, or by name. */
export interface InvitationInput {
  provinsi?: string[];
  kurangKompetensi?: { kode: string; level: number };
  userIds?: string[];
}

/** The preview is a read; it runs when the organiser asks (`enabled` flips on with a criteria change). */
export function usePreviewInvitation(id: string, input: InvitationInput | null) {
  const query = new URLSearchParams();
  if (input?.provinsi?.length) query.set('provinsi', input.provinsi.join(','));
  if (input?.kurangKompetensi) {
    query.set('kompetensi', input.kurangKompetensi.kode);
    query.set('level', String(input.kurangKompetensi.level));
  }
  return useQuery({
    queryKey: ['trainings', id, 'invitation-preview', query.toString()],
    queryFn: () => api<InvitationPreview>(`/trainings/${id}/invitations/preview?${query.toString()}`),
    enabled: input !== null,
  });
}

export function useInvite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InvitationInput) => api<InvitationPreview>(`/trainings/${id}/invitations`, { method: 'POST', json: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.list });
      void queryClient.invalidateQueries({ queryKey: trainingKeys.participants(id) });
    },
  });
}

/** The invited participant's answer: coming, or not (with an optional reason). */
export function useReplyInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { hadir: boolean; alasan?: string }) =>
      api<TrainingParticipant>(`/trainings/${id}/invitation-reply`, { method: 'POST', json: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.list });
      void queryClient.invalidateQueries({ queryKey: trainingKeys.participants(id) });
    },
  });
}

/** A test as the participant takes it; never cached on the device (the server sends no key anyway). */
export function useParticipantTest(id: string, jenis: TestJenis) {
  return useQuery({
    queryKey: ['trainings', id, 'tests', jenis],
    queryFn: () => api<ParticipantTest>(`/trainings/${id}/tests/${jenis}`),
    gcTime: 0,
    retry: false,
  });
}

export function useSubmitTest(id: string, jenis: TestJenis) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jawaban: Array<{ soal: string; pilihan: number }>) =>
      api<TestResult>(`/trainings/${id}/tests/${jenis}/answers`, { method: 'POST', json: { jawaban } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['trainings', id, 'tests', jenis] });
      void queryClient.invalidateQueries({ queryKey: trainingKeys.participants(id) });
    },
  });
}

/** Pre-test, post-test and gain per participant and per unit (the organiser's view). */
export function useTestResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['trainings', id, 'test-results'],
    queryFn: () => api<TestResults>(`/trainings/${id}/test-results`),
    enabled,
  });
}

/** The organiser's bank of one test, with its key; null while the event has none. */
export function useTestBank(id: string, jenis: TestJenis, enabled: boolean) {
  return useQuery({
    queryKey: ['trainings', id, 'tests', jenis, 'bank'],
    queryFn: async () => {
      try {
        return await api<TestBank>(`/trainings/${id}/tests/${jenis}/bank`);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'TRAINING_TEST_NONE') return null;
        throw e;
      }
    },
    enabled,
    gcTime: 0,
  });
}

export interface TestBankInput {
  dibuka: string;
  ditutup: string;
  soal: Array<{ unit: string; pertanyaan: string; pilihan: string[]; jawaban: number }>;
}

export function useSaveTestBank(id: string, jenis: TestJenis) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TestBankInput) => api<TestBank>(`/trainings/${id}/tests/${jenis}`, { method: 'PUT', json: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['trainings', id, 'tests', jenis, 'bank'] });
    },
  });
}

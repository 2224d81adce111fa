import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConferenceInput,
  DasarPemrosesan,
  AssessmentForm,
  AssessmentView,
  AttachmentView,
  CaseTasks,
  ConferenceView,
  FollowUpView,
  LembagaView,
  OutcomeView,
  PlanServiceRow,
  PlanView,
  ReferralStatus,
  ReferralView,
  ServiceView,
  TransferCandidate,
  TransferView,
} from '@tuntas/domain';
import { assessmentForm } from '@tuntas/domain';
import { api } from './client.js';
import { queueWrite } from './outbox.js';

/** Reads and writes of the work inside a case; like queries.ts, the only place these panels talk to the server. */
const part = (caseId: string, name: string) => ['case', caseId, name] as const;

/** The category's form is domain data the server answers from the same code: on the device at once, even offline for a case opened there. */
export const useAssessmentForm = (caseId: string, ppks: string) =>
  useQuery({
    queryKey: part(caseId, 'assessment-form'),
    queryFn: () => api<AssessmentForm>(`/cases/${caseId}/assessment-form`),
    initialData: () => assessmentForm(ppks),
    staleTime: Infinity,
  });
export const useAssessments = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'assessments'), queryFn: () => api<AssessmentView[]>(`/cases/${caseId}/assessments`) });
export const useConferences = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'conferences'), queryFn: () => api<ConferenceView[]>(`/cases/${caseId}/conferences`) });
export const usePlan = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'plan'), queryFn: () => api<PlanView | null>(`/cases/${caseId}/plan`) });
export const useServices = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'services'), queryFn: () => api<ServiceView[]>(`/cases/${caseId}/services`) });
export const useAttachments = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'attachments'), queryFn: () => api<AttachmentView[]>(`/cases/${caseId}/attachments`) });
export const useReferrals = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'referrals'), queryFn: () => api<ReferralView[]>(`/cases/${caseId}/referrals`) });
export const useOutcomes = (caseId: string) =>
  useQuery({
    queryKey: part(caseId, 'outcomes'),
    queryFn: () => api<{ items: OutcomeView[]; belumTerpenuhi: string[] }>(`/cases/${caseId}/outcomes`),
  });
export const useFollowUps = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'followups'), queryFn: () => api<FollowUpView[]>(`/cases/${caseId}/followups`) });
export const useTransfers = (caseId: string) =>
  useQuery({ queryKey: part(caseId, 'transfers'), queryFn: () => api<TransferView[]>(`/cases/${caseId}/transfers`) });
/** The colleagues the case may be handed to (names only; a pendamping may ask, unlike /caseload). */
export const useTransferCandidates = (caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: part(caseId, 'transfer-candidates'),
    queryFn: () => api<{ items: TransferCandidate[] }>(`/cases/${caseId}/transfer-candidates`),
    enabled,
  });
export const useLembaga = () => useQuery({ queryKey: ['lembaga'], queryFn: () => api<LembagaView[]>('/lembaga'), staleTime: 5 * 60_000 });
export const useTasks = (options: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: ['tasks'], queryFn: () => api<CaseTasks>('/tasks'), enabled: options.enabled ?? true });

/**
 * A write inside a case: afterwards the panel's data, the case, its timeline and the task lists
 * are read again, since one change can move all of them.
 */
export function useCaseWrite<TInput, TResult = unknown>(
  caseId: string,
  name: string,
  write: (input: TInput) => Promise<TResult>,
  onDone?: (result: TResult) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: part(caseId, name) });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId], exact: true });
      void queryClient.invalidateQueries({ queryKey: part(caseId, 'timeline') });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onDone?.(result);
    },
  });
}

/**
 * The field writes inside a case go through the outbox (issue 17): kept on the device without a
 * signal, shown at once as waiting by their panel, replayed in order with the same key.
 */
export const caseworkWrites = {
  service: (caseId: string, body: Record<string, unknown>) =>
    queueWrite({ kind: 'service', path: `/cases/${caseId}/services`, body, ref: { caseId } }),
  conference: (caseId: string, body: ConferenceInput) =>
    queueWrite({ kind: 'conference', path: `/cases/${caseId}/conferences`, body: { ...body }, ref: { caseId } }),
  /** Based on the plan as the device shows it (a save queued before counts one version more). */
  plan: (caseId: string, body: { tujuan: string[]; layanan: PlanServiceRow[] }, version: number | undefined) =>
    queueWrite({
      kind: 'plan',
      method: 'PUT',
      path: `/cases/${caseId}/plan`,
      body: { ...body, ...(version === undefined ? {} : { version }) },
      baseVersion: version ?? null,
      ref: { caseId },
    }),
  planSubmit: (caseId: string, version: number) =>
    queueWrite({ kind: 'planSubmit', path: `/cases/${caseId}/plan/submit`, body: { version }, baseVersion: version, ref: { caseId } }),
  outcomes: (caseId: string, kriteria: Array<{ kriteria: string; terpenuhi: boolean; bukti: string | null }>) =>
    queueWrite({ kind: 'outcomes', method: 'PUT', path: `/cases/${caseId}/outcomes`, body: { kriteria }, ref: { caseId } }),
  referralStatus: (
    caseId: string,
    referral: { id: string; version: number },
    body: { status: ReferralStatus; petugasLembaga?: string | undefined; catatan?: string | undefined },
  ) =>
    queueWrite({
      kind: 'referralStatus',
      path: `/referrals/${referral.id}/status`,
      body: { ...body, version: referral.version },
      baseVersion: referral.version,
      ref: { caseId, referralId: referral.id },
    }),
  assessment: (caseId: string, data: Record<string, unknown>) =>
    queueWrite({ kind: 'assessment', path: `/cases/${caseId}/assessments`, body: { data }, ref: { caseId } }),
  referral: (
    caseId: string,
    body: { lembagaId: string; layanan: string; alasan: string; batasHari?: number | undefined; dasarBerbagi?: DasarPemrosesan },
  ) => queueWrite({ kind: 'referral', path: `/cases/${caseId}/referrals`, body, ref: { caseId } }),
  followUp: (caseId: string, jadwal: string) =>
    queueWrite({ kind: 'followUp', path: `/cases/${caseId}/followups`, body: { jadwal }, ref: { caseId } }),
  followUpRecord: (caseId: string, followUpId: string, body: { kondisi: string; hasil: string }) =>
    queueWrite({ kind: 'followUpRecord', path: `/followups/${followUpId}/record`, body, ref: { caseId, followUpId } }),
};

/** The koordinator's decisions at the desk: sent now, not queued (they need the server's current state). */
export const caseworkCalls = {
  planReview: (caseId: string, body: { keputusan: 'setujui' | 'kembalikan'; komentar: string | undefined; version: number }) =>
    api(`/cases/${caseId}/plan/review`, { method: 'POST', json: body }),
};

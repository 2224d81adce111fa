import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrainingEvaluation, TrainingProgramme, TrainingRecord } from '@tuntas/domain';
import { api } from './client.js';
import { trainingKeys } from './training-queries.js';

/** Programmes, events created from them, and the anonymous evaluation (issue 22). */
const programmesKey = ['training-programmes'] as const;
const evaluationKey = (id: string) => ['trainings', id, 'evaluation'] as const;

export function useProgrammes(enabled = true) {
  return useQuery({ queryKey: programmesKey, queryFn: () => api<TrainingProgramme[]>('/training-programmes'), enabled });
}

export interface FromProgrammeInput {
  nama?: string;
  mulai: string;
  selesai: string;
  tempat: string;
  wilayah: string;
  kuota?: number | null;
  nilaiLulus?: number | null;
  jadwal: Array<{ kode: string; tanggal: string | null; jamMulai: string | null }>;
  narasumber: Array<{ nama: string; instansi?: string | null }>;
}

export function useCreateFromProgramme(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FromProgrammeInput) =>
      api<TrainingRecord>(`/training-programmes/${programmeId}/trainings`, { method: 'POST', json: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.list });
      void queryClient.invalidateQueries({ queryKey: programmesKey });
    },
  });
}

export function useEvaluation(id: string, enabled: boolean) {
  return useQuery({ queryKey: evaluationKey(id), queryFn: () => api<TrainingEvaluation>(`/trainings/${id}/evaluation`), enabled });
}

export interface EvaluationInput {
  acara: { nilai: number; komentar: string | null };
  narasumber: Array<{ id: string; nilai: number; komentar: string | null }>;
}

export function useSubmitEvaluation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvaluationInput) => api<TrainingEvaluation>(`/trainings/${id}/evaluation`, { method: 'POST', json: input }),
    onSuccess: (data) => queryClient.setQueryData(evaluationKey(id), data),
  });
}

export interface ProgrammeInput {
  kode: string;
  nama: string;
  uraian: string;
  units: Array<{ kode: string; nama: string; jp: number; kompetensi: string[]; tujuan: string[] }>;
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgrammeInput) => api<TrainingProgramme>('/training-programmes', { method: 'POST', json: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: programmesKey }),
  });
}

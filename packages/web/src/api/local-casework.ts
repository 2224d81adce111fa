import { unmetCriteria, type OutcomeView, type PlanServiceRow, type PlanView, type ReferralStatus } from '@tuntas/domain';
import { useMemo } from 'react';
import { useOutbox, type OutboxEntry } from './outbox.js';
import { useOutcomes, usePlan } from './casework-queries.js';

/**
 * The working file as the screens show it while some of it waits on the device (issue 17), as
 * local-records.ts does for people and cases: the server's copy with the user's queued writes
 * applied when read, never written into the query cache. A write in conflict or refused is not
 * applied (the server's copy shows); its mark leads to the outbox, where the user decides.
 */

const waiting = (e: OutboxEntry) => e.status === 'menunggu' || e.status === 'mengirim';
const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

/** A plan written on the device: a draft, version 1, as the server makes a first plan. */
function localPlan(caseId: string, entry: OutboxEntry): PlanView {
  return {
    id: '',
    caseId,
    tujuan: [],
    layanan: [],
    status: 'draf',
    revisi: 1,
    komentar: null,
    diajukanPada: null,
    diputusPada: null,
    updatedAt: entry.actedAt,
    version: 0,
    tindakan: { ubah: true, ajukan: true, putuskan: false },
  };
}

/**
 * The plan with its queued save and submission applied, each one version further (as the server
 * counts), so a submission queued after an offline save is based on the version that save makes.
 */
export function applyPlanWrites(caseId: string, server: PlanView | null, queued: readonly OutboxEntry[]): PlanView | null {
  let plan = server;
  for (const e of queued) {
    const base = plan ?? localPlan(caseId, e);
    if (e.kind === 'plan') {
      const body = e.body as { tujuan: string[]; layanan: PlanServiceRow[] };
      // Revising an approved plan starts a new revision in draft (intervention-plans.ts savePlan).
      const revises = base.status === 'disetujui';
      plan = {
        ...base,
        tujuan: body.tujuan,
        layanan: body.layanan,
        status: revises ? 'draf' : base.status,
        revisi: revises ? base.revisi + 1 : base.revisi,
        komentar: revises ? null : base.komentar,
        updatedAt: e.actedAt,
        version: base.version + 1,
        tindakan: { ubah: true, ajukan: true, putuskan: false },
      };
    } else {
      plan = {
        ...base,
        status: 'diajukan',
        diajukanPada: e.actedAt,
        version: base.version + 1,
        tindakan: { ubah: false, ajukan: false, putuskan: false },
      };
    }
  }
  return plan;
}

/** The intervention plan as the device knows it; `known` is false while nothing of it is on the device yet. */
export function usePlanView(caseId: string) {
  const query = usePlan(caseId);
  const outbox = useOutbox();
  const writes = outbox.filter((e) => (e.kind === 'plan' || e.kind === 'planSubmit') && e.ref.caseId === caseId);
  // A case opened on this device has no plan on the server yet.
  const openedHere = outbox.some((e) => e.kind === 'case' && e.id === caseId && waiting(e));
  const known = query.data !== undefined || openedHere;
  const plan = known ? applyPlanWrites(caseId, query.data ?? null, writes.filter(waiting)) : undefined;
  return { query, plan, known, entry: last(writes) };
}

/** The resolution criteria with the user's last queued answers (the same object until either changes: a form copies it into its state). */
export function useOutcomesView(caseId: string, ppks: string) {
  const query = useOutcomes(caseId);
  const writes = useOutbox().filter((e) => e.kind === 'outcomes' && e.ref.caseId === caseId);
  const queued = last(writes.filter(waiting));
  const data = useMemo(
    () => (query.data && queued ? applyOutcomeWrite(ppks, query.data.items, queued) : query.data),
    [ppks, query.data, queued],
  );
  return { query, data, entry: last(writes) };
}

function applyOutcomeWrite(ppks: string, server: readonly OutcomeView[], queued: OutboxEntry) {
  const checks = (queued.body as { kriteria: Array<{ kriteria: string; terpenuhi: boolean; bukti: string | null }> }).kriteria;
  const byCode = new Map(checks.map((c) => [c.kriteria, c]));
  const items: OutcomeView[] = server.map((item) => {
    const mine = byCode.get(item.kode);
    return mine ? { ...item, terpenuhi: mine.terpenuhi, bukti: mine.bukti, updatedAt: queued.actedAt } : item;
  });
  const belumTerpenuhi = unmetCriteria(
    ppks,
    items.map((i) => ({ kriteria: i.kode, terpenuhi: i.terpenuhi, bukti: i.bukti })),
  );
  return { items, belumTerpenuhi };
}

/** Case conferences recorded on the device and not yet on the server. */
export function usePendingConferences(caseId: string): OutboxEntry[] {
  return useOutbox().filter((e) => e.kind === 'conference' && e.ref.caseId === caseId);
}

/** A referral's progress queued on the device: the status it moves to, and its write. */
export function usePendingReferralMove(referralId: string): { status: ReferralStatus; entry: OutboxEntry } | undefined {
  const entry = last(useOutbox().filter((e) => e.kind === 'referralStatus' && e.ref.referralId === referralId));
  return entry && { status: entry.body['status'] as ReferralStatus, entry };
}

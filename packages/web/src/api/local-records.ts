import {
  applyTransition,
  canClose,
  deriveStatus,
  nextTahapan,
  ppksByCode,
  stageRequirements,
  type AssessmentView,
  type CaseActions,
  type CaseRecord,
  type CaseState,
  type PlanView,
  type TahapanCode,
} from '@tuntas/domain';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { personAge, workerToday } from '../lib/format.js';
import { useOutbox, type OutboxEntry } from './outbox.js';
import { keys, useBeneficiary, useCase, useMe } from './queries.js';
import type { Beneficiary, Me } from './types.js';

/**
 * What the screens show of records made or changed on this device and not yet on the server
 * (issue 17). The outbox is the truth of what the user did; the server's copy, when the device
 * has one, is the truth of everything else. Both are combined when the screen reads, never written
 * into the query cache, so a refetch cannot wipe a queued change off the screen and a reload
 * offline shows the same (the outbox is in IndexedDB).
 */

const waiting = (e: OutboxEntry) => e.status === 'menunggu' || e.status === 'mengirim';

/** A person registered offline: their form's fields, and what the server would derive from them. */
export function localBeneficiary(entry: OutboxEntry): Beneficiary {
  const b = entry.body;
  const text = (k: string) => (typeof b[k] === 'string' && b[k] !== '' ? (b[k] as string) : null);
  const tanggalLahir = text('tanggalLahir');
  const umur = typeof b['perkiraanUmur'] === 'number' ? b['perkiraanUmur'] : 0;
  const kodeDesa = text('kodeDesa');
  // An estimated age counts back from the year where the person lives (31 Dec, 17.00 UTC, is already next year in WIT).
  const tahunLahir = tanggalLahir ? Number(tanggalLahir.slice(0, 4)) : Number(workerToday(kodeDesa).slice(0, 4)) - umur;
  const anak = personAge({ tanggalLahir, tahunLahir }) < 18;
  const kategori = text('kategoriPpks');
  return {
    id: entry.id,
    nik: text('nik'),
    nomorSementara: null,
    alasanTanpaNik: text('alasanTanpaNik') as Beneficiary['alasanTanpaNik'],
    tanggalLahirPerkiraan: tanggalLahir === null,
    noKk: text('noKk'),
    nama: text('nama') ?? '',
    jenisKelamin: b['jenisKelamin'] === 'P' ? 'P' : 'L',
    tempatLahir: text('tempatLahir'),
    tanggalLahir,
    tahunLahir,
    alamat: text('alamat'),
    kodeDesa,
    kabupaten: kodeDesa?.slice(0, 5) ?? '',
    kategoriPpks: kategori,
    telepon: text('telepon'),
    disabilitas: text('disabilitas'),
    catatan: text('catatan'),
    anak,
    sensitif: anak || Boolean(kategori && ppksByCode(kategori)?.dataSpesifik),
    identitasTerlindungi: false,
    createdAt: entry.actedAt,
    updatedAt: entry.actedAt,
    version: 1,
  };
}

const stateOf = (c: CaseRecord): CaseState => ({
  tahapan: c.tahapan,
  closed: c.status === 'ditutup',
  verified: c.diverifikasiPada !== null,
});

/** What the gates between stages read (domain stageRequirements), from the device's copy and the queued writes. */
function factsOf(client: QueryClient, caseId: string, outbox: readonly OutboxEntry[]) {
  const assessments = client.getQueryData<AssessmentView[]>(['case', caseId, 'assessments']);
  const plan = client.getQueryData<PlanView | null>(['case', caseId, 'plan']);
  return {
    asesmenTercatat:
      (assessments?.length ?? 0) > 0 || outbox.some((e) => e.kind === 'assessment' && e.ref.caseId === caseId && e.status !== 'ditolak'),
    rencanaDisetujui: plan?.status === 'disetujui',
  };
}

/** The moves a pendamping working the case may make from a state the device computed (as the server's toCaseView does). */
function actionsFor(state: CaseState, facts: ReturnType<typeof factsOf>, base: CaseActions): CaseActions {
  const gated = base.ubah ? nextTahapan(state).map((to) => ({ tahapan: to, kurang: stageRequirements(to, facts) })) : [];
  return {
    ...base,
    tahapan: gated.filter((g) => g.kurang.length === 0).map((g) => g.tahapan),
    syarat: gated.filter((g) => g.kurang.length > 0),
    tutup: base.ubah && canClose(state),
  };
}

/** A case opened offline: at the first stage, owned by the pendamping who opened it, version 1 (as the server makes it). */
export function localCase(entry: OutboxEntry, person: Beneficiary | undefined, me: Me): CaseRecord {
  const body = entry.body as { beneficiaryId: string; ppks: string; ringkasan?: string | null };
  const state: CaseState = { tahapan: 'pendekatan_awal', closed: false, verified: false };
  const wilayah = person?.kodeDesa ?? me.wilayah ?? '';
  return {
    id: entry.id,
    nomor: '',
    beneficiaryId: body.beneficiaryId,
    beneficiaryNama: person?.nama ?? '',
    ppks: body.ppks,
    wilayah,
    pendampingId: me.id,
    pendampingNama: me.username,
    tahapan: state.tahapan,
    status: deriveStatus(state),
    tahapanSejak: entry.actedAt,
    batasTahapan: null,
    terlambat: false,
    ditutupAlasan: null,
    diverifikasiPada: null,
    ringkasan: body.ringkasan ?? null,
    sensitif: Boolean(person?.sensitif || ppksByCode(body.ppks)?.dataSpesifik),
    identitasTerlindungi: false,
    createdAt: entry.actedAt,
    updatedAt: entry.actedAt,
    version: 1,
    tindakan: { tahapan: ['asesmen'], syarat: [], tutup: true, verifikasi: false, bukaKembali: false, ubah: true },
  };
}

/** The person as the screens show them: the server's copy, or the registration still on the device. */
export function useBeneficiaryView(id: string) {
  const query = useBeneficiary(id);
  const created = useOutbox().find((e) => e.kind === 'beneficiary' && e.id === id);
  return { query, person: query.data ?? (created ? localBeneficiary(created) : undefined), created };
}

/**
 * The case as the screens show it: the server's copy (or the case opened on the device) with the
 * user's queued stage moves applied, each one version further — the version the next move is
 * based on, so the user's own queued moves never conflict with each other.
 */
export function useCaseView(id: string) {
  const query = useCase(id);
  const me = useMe().data!;
  const client = useQueryClient();
  const outbox = useOutbox();
  const created = outbox.find((e) => e.kind === 'case' && e.id === id);
  const moves = outbox.filter((e) => e.kind === 'transition' && e.ref.caseId === id);
  let kase = query.data;
  if (!kase && created) {
    const personId = String(created.body['beneficiaryId']);
    const registered = outbox.find((e) => e.kind === 'beneficiary' && e.id === personId);
    kase = localCase(
      created,
      client.getQueryData<Beneficiary>(keys.beneficiary(personId)) ?? (registered && localBeneficiary(registered)),
      me,
    );
  }
  const queued = outbox.some((e) => e.ref.caseId === id && waiting(e) && (e.kind === 'assessment' || e.kind === 'transition'));
  if (kase && queued) {
    for (const move of moves.filter(waiting)) {
      const state = applyTransition(stateOf(kase), move.body['to'] as TahapanCode);
      kase = {
        ...kase,
        tahapan: state.tahapan,
        status: deriveStatus(state),
        tahapanSejak: move.actedAt,
        terlambat: false,
        version: kase.version + 1,
      };
    }
    kase = { ...kase, tindakan: actionsFor(stateOf(kase), factsOf(client, id, outbox), kase.tindakan) };
  }
  return { query, kase, created, moves };
}

import { supervises, writesRecords, type BeneficiaryRecord } from '@tuntas/domain';
import type { Actor } from './actor.js';

/**
 * Identity of sensitive people (every child; categories with "data pribadi spesifik", UU PDP
 * Pasal 4; UU SPPA Pasal 19 for children in conflict with the law). A case's identity is seen by
 * its own pendamping, the area's koordinator or admin, and an auditor who recorded a reason
 * (break-glass). Everyone else — colleagues of the area, the directorate — sees initials.
 */
export function maskName(nama: string): string {
  return nama
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]!.toUpperCase()}.`)
    .join(' ');
}

/** Keeps the province and regency digits (statistics) and the serial's last digits (telling people apart). */
export function maskNumber(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(Math.max(0, nik.length - 8))}${nik.slice(-4)}`;
}

export function seesCaseIdentity(actor: Actor, kase: { pendampingId: string | null }, breakGlass: boolean): boolean {
  if (actor.role === 'pendamping') return kase.pendampingId === actor.id;
  if (supervises(actor.role)) return true;
  return actor.role === 'auditor' && breakGlass;
}

/**
 * The registry is shared by the people who write it (so a pendamping finds a person before opening
 * a second record); read-only roles see sensitive people without identifying fields.
 */
export function protectBeneficiary(view: BeneficiaryRecord, actor: Actor): BeneficiaryRecord {
  if (!view.sensitif || writesRecords(actor.role)) return view;
  return {
    ...view,
    nik: maskNumber(view.nik),
    noKk: view.noKk ? maskNumber(view.noKk) : null,
    nama: maskName(view.nama),
    tempatLahir: null,
    alamat: null,
    telepon: null,
    catatan: null,
  };
}

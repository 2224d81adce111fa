/**
 * Referrals (rujukan) to the services around a case: the directory's institution types and the
 * referral's life. Institutions have no accounts in Tuntas, so the pendamping records each answer
 * (who at the institution, when); every step keeps who recorded it and when.
 */
export const LEMBAGA_JENIS = [
  'rumah_sakit',
  'puskesmas',
  'unit_ppa_polri',
  'bnn',
  'uptd_ppa',
  'dinas_sosial',
  'lks',
  'sentra_kemensos',
  'dukcapil',
  'lainnya',
] as const;
export type LembagaJenis = (typeof LEMBAGA_JENIS)[number];

export const REFERRAL_STATUSES = ['dikirim', 'diterima', 'disetujui', 'ditolak', 'selesai', 'dibatalkan'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What may follow each status; the rest (a referral answered twice, completed before acceptance) is refused. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  dikirim: ['diterima', 'dibatalkan'],
  diterima: ['disetujui', 'ditolak', 'dibatalkan'],
  disetujui: ['selesai'],
  ditolak: [],
  selesai: [],
  dibatalkan: [],
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** Days an institution has to answer unless another term was agreed. */
export const DEFAULT_REFERRAL_DAYS = 7;

/** Waiting for the institution's answer. */
export function awaitsAnswer(status: ReferralStatus): boolean {
  return status === 'dikirim' || status === 'diterima';
}

/** Unanswered after the agreed days since it was sent. */
export function isReferralOverdue(status: ReferralStatus, sentAt: Date, agreedDays: number, now: Date = new Date()): boolean {
  return awaitsAnswer(status) && now.getTime() > sentAt.getTime() + agreedDays * 86_400_000;
}

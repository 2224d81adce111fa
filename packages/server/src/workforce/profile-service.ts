import { parseNip, type ParsedNip } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { loadWorker, workerClock } from './worker.js';

export interface ProfileView {
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  nip: string | null;
  nipInfo: ParsedNip | null;
  jenisAsn: 'pns' | 'pppk' | null;
  kontrakMulai: string | null;
  kontrakSelesai: string | null;
  atasanId: string | null;
  kompetensi: string[];
  lokasiTugas: { lat: number; lng: number } | null;
  radiusKm: number;
  riwayatPenugasan: Array<{ wilayah: string | null; sejak: string }>;
}

export interface ProfileInput {
  nip?: string | null | undefined;
  jenisAsn?: 'pns' | 'pppk' | null | undefined;
  kontrakMulai?: string | null | undefined;
  kontrakSelesai?: string | null | undefined;
  atasanId?: string | null | undefined;
  kompetensi?: string[] | undefined;
  lokasiTugas?: { lat: number; lng: number } | null | undefined;
  radiusKm?: number | undefined;
}

export async function getProfile(db: Kysely<DB>, actor: Actor, userId: string, now: Date): Promise<ProfileView> {
  const worker = await loadWorker(db, actor, userId);
  const [p, history] = await Promise.all([
    db.selectFrom('pendamping_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('penugasan').select(['wilayah', 'sejak']).where('user_id', '=', userId).orderBy('sejak', 'desc').execute(),
  ]);
  const today = workerClock(worker.wilayah, now).tanggal;
  const parsed = p?.nip ? parseNip(p.nip, today, p.jenis_asn) : null;
  return {
    userId: worker.id,
    username: worker.username,
    nama: worker.nama,
    wilayah: worker.wilayah,
    nip: p?.nip ?? null,
    nipInfo: parsed?.ok ? parsed.value : null,
    jenisAsn: p?.jenis_asn ?? null,
    kontrakMulai: p?.kontrak_mulai ?? null,
    kontrakSelesai: p?.kontrak_selesai ?? null,
    atasanId: p?.atasan_id ?? null,
    kompetensi: p?.kompetensi ?? [],
    lokasiTugas: p && p.lokasi_lat !== null && p.lokasi_lng !== null ? { lat: p.lokasi_lat, lng: p.lokasi_lng } : null,
    radiusKm: p?.radius_km ?? 30,
    riwayatPenugasan: history.map((h) => ({ wilayah: h.wilayah, sejak: h.sejak.toISOString() })),
  };
}

const invalid = (field: string, code: string) => new AppError('PROFILE_INVALID', [{ field, code }]);

/** A supervisor of the area keeps the profile: NIP checked digit by digit, supervisor inside the area. */
export async function updateProfile(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  userId: string,
  input: ProfileInput,
  now: Date,
): Promise<ProfileView> {
  const worker = await loadWorker(db, actor, userId);
  if (!workforcePolicy.review(actor)) throw new AppError('FORBIDDEN');
  // The duty location and radius decide which check-ins are flagged: nobody sets their own.
  if (userId === actor.id && (input.lokasiTugas !== undefined || input.radiusKm !== undefined)) throw new AppError('FOUR_EYES_REQUIRED');
  const today = workerClock(worker.wilayah, now).tanggal;
  // A NIP PNS and an NI PPPK are read by their own layouts: the number is checked against the kind
  // it will be stored with (the one sent, else the one on file), also when only the kind changes.
  if (input.nip || input.jenisAsn !== undefined) {
    const stored = await db.selectFrom('pendamping_profiles').select(['nip', 'jenis_asn']).where('user_id', '=', userId).executeTakeFirst();
    const nip = input.nip === undefined ? stored?.nip : input.nip;
    const jenis = input.jenisAsn === undefined ? (stored?.jenis_asn ?? null) : input.jenisAsn;
    if (nip) {
      const parsed = parseNip(nip, today, jenis);
      if (!parsed.ok) throw invalid('nip', parsed.problem);
    }
  }
  if (input.kontrakMulai && input.kontrakSelesai && input.kontrakSelesai < input.kontrakMulai)
    throw invalid('kontrakSelesai', 'sebelum_mulai');
  if (input.atasanId) {
    const boss = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.atasanId)
      .where('role', 'in', ['koordinator', 'admin'])
      .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
      .executeTakeFirst();
    if (!boss) throw invalid('atasanId', 'tidak_ditemukan');
  }
  const values = {
    ...(input.nip !== undefined && { nip: input.nip ? input.nip.replace(/\s+/g, '') : null }),
    ...(input.jenisAsn !== undefined && { jenis_asn: input.jenisAsn }),
    ...(input.kontrakMulai !== undefined && { kontrak_mulai: input.kontrakMulai }),
    ...(input.kontrakSelesai !== undefined && { kontrak_selesai: input.kontrakSelesai }),
    ...(input.atasanId !== undefined && { atasan_id: input.atasanId }),
    ...(input.kompetensi !== undefined && { kompetensi: input.kompetensi }),
    ...(input.lokasiTugas !== undefined && { lokasi_lat: input.lokasiTugas?.lat ?? null, lokasi_lng: input.lokasiTugas?.lng ?? null }),
    ...(input.radiusKm !== undefined && { radius_km: input.radiusKm }),
  };
  await db.transaction().execute(async (trx) => {
    if (values.nip) {
      const taken = await trx
        .selectFrom('pendamping_profiles')
        .select('user_id')
        .where('nip', '=', values.nip)
        .where('user_id', '!=', userId)
        .executeTakeFirst();
      if (taken) throw invalid('nip', 'sudah_dipakai');
    }
    await trx
      .insertInto('pendamping_profiles')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'profile.update',
      entityType: 'user',
      entityId: userId,
      wilayah: worker.wilayah,
      details: { fields: Object.keys(values) },
    });
  });
  return getProfile(db, actor, userId, now);
}

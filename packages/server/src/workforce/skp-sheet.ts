import { PROVINCE_CAPITALS, provinceOf } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { skpSheetPdf } from '../files/skp-pdf.js';
import { performanceOf } from './performance-service.js';
import { workerClock } from './worker.js';

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/**
 * The signed-paper version of a worker's SKP: the supervisor in the profile (else the province's
 * koordinator) as the rating official, signed in the province capital on the worker's today.
 */
export async function skpSheet(db: Kysely<DB>, actor: Actor, userId: string, tahun: number, now: Date): Promise<Buffer> {
  const perf = await performanceOf(db, actor, userId, tahun, now);
  const profile = await db.selectFrom('pendamping_profiles').select(['nip', 'atasan_id']).where('user_id', '=', userId).executeTakeFirst();
  const area = await db.selectFrom('wilayah').select('nama').where('kode', '=', perf.wilayah).executeTakeFirst();
  const penilai = await db
    .selectFrom('users')
    .leftJoin('pendamping_profiles as p', 'p.user_id', 'users.id')
    .select(['users.nama_lengkap', 'users.username', 'p.nip'])
    .$if(Boolean(profile?.atasan_id), (q) => q.where('users.id', '=', profile!.atasan_id!))
    .$if(!profile?.atasan_id, (q) => q.where('users.role', '=', 'koordinator').where('users.wilayah', '=', provinceOf(perf.wilayah)))
    .where('users.disabled_at', 'is', null)
    .orderBy('users.username')
    .executeTakeFirst();
  const kota = PROVINCE_CAPITALS[provinceOf(perf.wilayah)]?.kota ?? '';
  return skpSheetPdf({
    perf,
    nip: profile?.nip ?? null,
    wilayahNama: area?.nama ?? perf.wilayah,
    penilai: penilai ? { nama: penilai.nama_lengkap ?? penilai.username, nip: penilai.nip } : null,
    tempatTanggal: `${kota}, ${longDate(workerClock(perf.wilayah, now).tanggal)}`,
  });
}

import { randomUUID } from 'node:crypto';
import type { JenisLdp } from '@tuntas/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays, at, chunked } from './disaster-seed-helpers.js';
import type { Random } from './random.js';

const LDP_KINDS: JenisLdp[] = ['psikoedukasi', 'konseling_kelompok', 'ruang_ramah_anak', 'ldp_keliling'];

export interface LdpSeedInput {
  disasterId: string;
  mulai: string;
  /** Days of the event recorded so far. */
  days: number;
  shelters: ReadonlyArray<{ id: string }>;
  /** School-age children at a shelter, attending by name. */
  children: readonly string[];
  recorders: readonly string[];
}

/** The demo's LDP sessions of one event; the number of sessions. */
export async function seedLdpSessions(trx: Kysely<DB>, input: LdpSeedInput, random: Random): Promise<number> {
  const { days, shelters, children } = input;
  // LDP: a session a day at most shelters, children by name plus counted adults.
  const sessions: Array<Insertable<DB['disaster_ldp_sessions']> & { id: string }> = [];
  const peserta: Array<Insertable<DB['disaster_ldp_peserta']>> = [];
  const counts: Array<Insertable<DB['disaster_ldp_counts']>> = [];
  for (let d = 1; d < days; d++) {
    const tanggal = addDays(input.mulai, d);
    for (const shelter of shelters) {
      if (children.length === 0 || !random.chance(0.7)) continue;
      const id = randomUUID();
      const jenis = random.pick(LDP_KINDS);
      sessions.push({
        id,
        disaster_id: input.disasterId,
        tanggal,
        jenis,
        shelter_id: shelter.id,
        tempat: null,
        fasilitator: [random.pick(input.recorders)],
        catatan: jenis === 'ruang_ramah_anak' ? 'Anak-anak mulai mau bermain bersama' : null,
        created_at: at(tanggal, 16),
      });
      const named = new Set(Array.from({ length: random.int(4, 12) }, () => random.pick(children)));
      for (const a of named) peserta.push({ session_id: id, affected_id: a });
      counts.push(
        { session_id: id, kelompok_umur: 'dewasa', jenis_kelamin: 'P', jumlah: random.int(3, 15) },
        { session_id: id, kelompok_umur: 'dewasa', jenis_kelamin: 'L', jumlah: random.int(1, 8) },
      );
    }
  }
  await chunked(sessions, 500, (part) => trx.insertInto('disaster_ldp_sessions').values(part).execute());
  await chunked(peserta, 2000, (part) => trx.insertInto('disaster_ldp_peserta').values(part).execute());
  await chunked(counts, 2000, (part) => trx.insertInto('disaster_ldp_counts').values(part).execute());
  return sessions.length;
}

import { KELOMPOK_RENTAN, type KelompokRentan, type SitrepRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { fieldError } from '../http/app-error.js';
import { deployedOn } from './deployment-service.js';
import { eventToday, eventZone, loadDisaster, type DisasterRow } from './disaster-service.js';

export interface Sitrep {
  event: DisasterRow;
  record: SitrepRecord;
}

/**
 * The daily situation report, computed from the records (never typed): as things stood at the end
 * of `tanggal` in the event area's time zone. Each person's kondisi, shelter and vulnerable groups
 * are the history row in force at that moment (DISTINCT ON over `disaster_affected_history_idx`),
 * so a past day's report stays true after later changes; tracing records by the stamps of their
 * moves, aid by its hand-over day and recording time. A handful of set-based statements,
 * whatever the number of people.
 */
export async function sitrep(db: Kysely<DB>, actor: Actor, id: string, tanggal: string | undefined, now: Date): Promise<Sitrep> {
  const event = await loadDisaster(db, actor, id, now);
  const today = eventToday(event, now);
  const day = tanggal ?? today;
  if (day > today) throw fieldError('DISASTER_INVALID', 'tanggal', 'masa_depan');
  const zone = eventZone(event);
  const cutoff = sql<Date>`((${day}::date + 1)::timestamp at time zone ${zone})`;

  const people = await sql<{
    terdampak: number;
    mengungsi: number;
    luka: number;
    meninggal: number;
    hilang: number;
    rentan: Record<string, number> | null;
    shelters: Record<string, number> | null;
  }>`
    with state as (
      select distinct on (h.affected_id) h.affected_id, h.kondisi, h.shelter_id, h.kelompok_rentan
        from disaster_affected_history h
       where h.disaster_id = ${id} and h.berlaku < ${cutoff}
       order by h.affected_id, h.berlaku desc, h.id desc
    ),
    people as (
      select s.kondisi, s.shelter_id, s.kelompok_rentan, a.beneficiary_id
        from state s join disaster_affected a on a.id = s.affected_id
    ),
    -- One row per registry person (a person recorded twice counts once): one hash aggregate
    -- instead of a sort per distinct count.
    persons as (
      select beneficiary_id, bool_or(kondisi = 'mengungsi') as mengungsi, bool_or(kondisi = 'luka') as luka,
             bool_or(kondisi = 'meninggal') as meninggal, bool_or(kondisi = 'hilang') as hilang
        from people group by beneficiary_id
    )
    select
      (select count(*)::int from persons) as terdampak,
      (select count(*) filter (where mengungsi)::int from persons) as mengungsi,
      (select count(*) filter (where luka)::int from persons) as luka,
      (select count(*) filter (where meninggal)::int from persons) as meninggal,
      (select count(*) filter (where hilang)::int from persons) as hilang,
      (select json_object_agg(g, n) from (select g, count(*)::int as n from (select distinct p.beneficiary_id, g from people p, unnest(p.kelompok_rentan) g) d group by g) r) as rentan,
      (select json_object_agg(shelter_id, n) from (select p.shelter_id, count(*)::int as n from people p where p.kondisi = 'mengungsi' and p.shelter_id is not null group by p.shelter_id) o) as shelters`.execute(
    db,
  );
  const p = people.rows[0]!;

  const shelters = await db
    .selectFrom('disaster_shelters')
    .select(['id', 'nama', 'kapasitas'])
    .where('disaster_id', '=', id)
    .where('created_at', '<', cutoff)
    .orderBy('nama')
    .orderBy('id')
    .execute();

  const ldp = await sql<{ sesi: number; peserta: number }>`
    select count(*)::int as sesi,
      coalesce(sum((select count(*) from disaster_ldp_peserta p where p.session_id = s.id)
        + (select coalesce(sum(c.jumlah), 0) from disaster_ldp_counts c where c.session_id = s.id)), 0)::int as peserta
    from disaster_ldp_sessions s where s.disaster_id = ${id} and s.tanggal = ${day}::date and s.created_at < ${cutoff}`.execute(db);

  const deployed = await deployedOn(db, id, day).executeTakeFirstOrThrow();
  const cases = await db
    .selectFrom('disaster_affected as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('a.disaster_id', '=', id)
    .where('c.created_at', '<', cutoff)
    .executeTakeFirstOrThrow();

  // Tracing: each record's status at the cutoff, from the stamps of its forward-only moves.
  const tracing = await sql<SitrepRecord['penelusuran']>`
    select count(*) filter (where st = 'terbuka')::int as terbuka, count(*) filter (where st = 'cocok')::int as cocok,
           count(*) filter (where st = 'dipersatukan')::int as dipersatukan, count(*) filter (where st = 'ditutup')::int as ditutup
      from (select case when t.dipersatukan_pada < ${cutoff} then 'dipersatukan' when t.ditutup_pada < ${cutoff} then 'ditutup'
                        when t.cocok_pada < ${cutoff} then 'cocok' else 'terbuka' end as st
              from disaster_tracing t where t.disaster_id = ${id} and t.dicatat_pada < ${cutoff}) s`.execute(db);
  // Aid: handed over up to that day and recorded by its end.
  const aid = await sql<SitrepRecord['bantuan']>`
    select count(*)::int as penyaluran, count(distinct coalesce(g.affected_id, g.keluarga_id))::int as penerima,
           coalesce(sum(g.nilai_rupiah), 0)::bigint as "nilaiRupiah"
      from disaster_aid g where g.disaster_id = ${id} and g.tanggal <= ${day}::date and g.dicatat_pada < ${cutoff}`.execute(db);
  const bantuan = aid.rows[0]!;

  const rentan = Object.fromEntries(KELOMPOK_RENTAN.map((k) => [k, p.rentan?.[k] ?? 0])) as Record<KelompokRentan, number>;
  return {
    event,
    record: {
      disasterId: id,
      tanggal: day,
      status: await statusOn(db, id, cutoff, event),
      terdampak: p.terdampak,
      mengungsi: p.mengungsi,
      luka: p.luka,
      meninggal: p.meninggal,
      hilang: p.hilang,
      kelompokRentan: rentan,
      shelters: shelters.map((s) => ({ id: s.id, nama: s.nama, penghuni: p.shelters?.[s.id] ?? 0, kapasitas: s.kapasitas })),
      ldp: ldp.rows[0]!,
      pendampingBertugas: deployed.n,
      kasusDibuka: cases.n,
      penelusuran: tracing.rows[0]!,
      bantuan: { ...bantuan, nilaiRupiah: Number(bantuan.nilaiRupiah) },
    },
  };
}

/** The emergency status in force at the end of the day (the history's last move before it). */
async function statusOn(
  db: Kysely<DB>,
  id: string,
  cutoff: ReturnType<typeof sql<Date>>,
  event: DisasterRow,
): Promise<SitrepRecord['status']> {
  const row = await db
    .selectFrom('disaster_status_history')
    .select('status')
    .where('disaster_id', '=', id)
    .where('pada', '<', cutoff)
    .orderBy('pada', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.status ?? event.status;
}

import { IANA_ZONE, PROVINCE_CODES, zonaWaktu } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';

/**
 * Each worker's month in numbers (the realisation behind SKP), kept current by triggers in the
 * same transaction as the work itself, so the performance of all 635 pendamping is read from
 * ~8,000 rows a year instead of grouping millions of case events on every view.
 * `worker_monthly_rebuild()` recomputes it from the base tables: bulk loads (the demo seed)
 * disable the triggers and call it once, and tests prove both ways give the same numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const zones = new Map<string, string[]>();
  for (const p of PROVINCE_CODES) zones.set(IANA_ZONE[zonaWaktu(p)], [...(zones.get(IANA_ZONE[zonaWaktu(p)]) ?? []), p]);
  const branches = [...zones.entries()].map(([zone, provinces]) => `when left(wilayah, 2) in (${provinces.map((p) => `'${p}'`).join(', ')}) then '${zone}'`).join(' ');
  await sql.raw(`create function tuntas_zone(wilayah text) returns text language sql immutable parallel safe as $$ select case ${branches} else 'Asia/Jakarta' end $$`).execute(db);

  await sql`
    create table worker_monthly (
      user_id uuid not null references users (id) on delete cascade,
      bulan date not null,
      dijangkau integer not null default 0,
      diasesmen integer not null default 0,
      rencana integer not null default 0,
      terselesaikan integer not null default 0,
      rujukan integer not null default 0,
      ldp integer not null default 0,
      menit_disetujui integer not null default 0,
      hadir_kerja integer not null default 0,
      cuti_kerja integer not null default 0,
      primary key (user_id, bulan)
    )`.execute(db);

  await sql`
    create function worker_monthly_add(p_user uuid, p_bulan date, d_dijangkau int, d_diasesmen int, d_rencana int, d_terselesaikan int,
      d_rujukan int, d_ldp int, d_menit int, d_hadir int, d_cuti int) returns void language sql as $$
      insert into worker_monthly as w values (p_user, p_bulan, d_dijangkau, d_diasesmen, d_rencana, d_terselesaikan, d_rujukan, d_ldp, d_menit, d_hadir, d_cuti)
      on conflict (user_id, bulan) do update set
        dijangkau = w.dijangkau + excluded.dijangkau, diasesmen = w.diasesmen + excluded.diasesmen, rencana = w.rencana + excluded.rencana,
        terselesaikan = w.terselesaikan + excluded.terselesaikan, rujukan = w.rujukan + excluded.rujukan, ldp = w.ldp + excluded.ldp,
        menit_disetujui = w.menit_disetujui + excluded.menit_disetujui, hadir_kerja = w.hadir_kerja + excluded.hadir_kerja, cuti_kerja = w.cuti_kerja + excluded.cuti_kerja
    $$`.execute(db);

  // A pendamping's own case work counts for them; a verified resolution counts for the case's pendamping.
  await sql`
    create function worker_monthly_case_event() returns trigger language plpgsql as $$
    declare w text; owner uuid;
    begin
      if new.jenis = 'dibuat' or (new.jenis = 'tahapan' and new.ke_tahapan in ('asesmen', 'intervensi')) then
        select wilayah into w from users where id = new.actor_id and role = 'pendamping';
        if found then
          perform worker_monthly_add(new.actor_id, date_trunc('month', new.at at time zone tuntas_zone(w))::date,
            case when new.jenis = 'dibuat' then 1 else 0 end, case when new.ke_tahapan = 'asesmen' then 1 else 0 end,
            case when new.ke_tahapan = 'intervensi' then 1 else 0 end, 0, 0, 0, 0, 0, 0);
        end if;
      elsif new.jenis = 'diverifikasi' then
        select c.pendamping_id, u.wilayah into owner, w from cases c join users u on u.id = c.pendamping_id where c.id = new.case_id;
        if owner is not null then
          perform worker_monthly_add(owner, date_trunc('month', new.at at time zone tuntas_zone(w))::date, 0, 0, 0, 1, 0, 0, 0, 0, 0);
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger case_events_worker_monthly after insert on case_events for each row execute function worker_monthly_case_event()`.execute(db);

  // Approved activities count; an entry leaving 'disetujui' (or deleted) takes its numbers back.
  await sql`
    create function worker_monthly_activity() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status = 'disetujui' then
        perform worker_monthly_add(old.user_id, date_trunc('month', old.tanggal)::date, 0, 0, 0, 0,
          -(old.jenis = 'pendampingan_rujukan')::int, -(old.jenis = 'dukungan_psikososial')::int, -old.durasi_menit, 0, 0);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'disetujui' then
        perform worker_monthly_add(new.user_id, date_trunc('month', new.tanggal)::date, 0, 0, 0, 0,
          (new.jenis = 'pendampingan_rujukan')::int, (new.jenis = 'dukungan_psikososial')::int, new.durasi_menit, 0, 0);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger activities_worker_monthly after insert or update or delete on activities for each row execute function worker_monthly_activity()`.execute(db);

  // Working days present, and working days on approved leave (not held against anyone).
  await sql`
    create function worker_monthly_attendance() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and extract(isodow from old.tanggal) <= 5 then
        perform worker_monthly_add(old.user_id, date_trunc('month', old.tanggal)::date, 0, 0, 0, 0, 0, 0, 0,
          -(old.status in ('hadir', 'dinas_luar'))::int, -coalesce(old.status in ('izin', 'sakit', 'cuti') and old.persetujuan = 'disetujui', false)::int);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and extract(isodow from new.tanggal) <= 5 then
        perform worker_monthly_add(new.user_id, date_trunc('month', new.tanggal)::date, 0, 0, 0, 0, 0, 0, 0,
          (new.status in ('hadir', 'dinas_luar'))::int, coalesce(new.status in ('izin', 'sakit', 'cuti') and new.persetujuan = 'disetujui', false)::int);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger attendance_worker_monthly after insert or update or delete on attendance for each row execute function worker_monthly_attendance()`.execute(db);

  await sql`
    create function worker_monthly_rebuild() returns void language sql as $$
      truncate worker_monthly;
      insert into worker_monthly
      select user_id, bulan, sum(dj), sum(da), sum(re), sum(ts), sum(ru), sum(ld), sum(mn), sum(hk), sum(ck)
      from (
        select e.actor_id as user_id, date_trunc('month', e.at at time zone tuntas_zone(u.wilayah))::date as bulan,
          count(*) filter (where e.jenis = 'dibuat') as dj, count(*) filter (where e.ke_tahapan = 'asesmen') as da,
          count(*) filter (where e.ke_tahapan = 'intervensi') as re, 0 as ts, 0 as ru, 0 as ld, 0 as mn, 0 as hk, 0 as ck
        from case_events e join users u on u.id = e.actor_id and u.role = 'pendamping'
        where e.jenis = 'dibuat' or (e.jenis = 'tahapan' and e.ke_tahapan in ('asesmen', 'intervensi'))
        group by 1, 2
        union all
        select c.pendamping_id, date_trunc('month', e.at at time zone tuntas_zone(u.wilayah))::date, 0, 0, 0, count(*), 0, 0, 0, 0, 0
        from case_events e join cases c on c.id = e.case_id join users u on u.id = c.pendamping_id
        where e.jenis = 'diverifikasi'
        group by 1, 2
        union all
        select user_id, date_trunc('month', tanggal)::date, 0, 0, 0, 0, count(*) filter (where jenis = 'pendampingan_rujukan'),
          count(*) filter (where jenis = 'dukungan_psikososial'), sum(durasi_menit), 0, 0
        from activities where status = 'disetujui'
        group by 1, 2
        union all
        select user_id, date_trunc('month', tanggal)::date, 0, 0, 0, 0, 0, 0, 0, count(*) filter (where status in ('hadir', 'dinas_luar')),
          count(*) filter (where status in ('izin', 'sakit', 'cuti') and persetujuan = 'disetujui')
        from attendance where extract(isodow from tanggal) <= 5
        group by 1, 2
      ) parts
      group by 1, 2
    $$`.execute(db);
}

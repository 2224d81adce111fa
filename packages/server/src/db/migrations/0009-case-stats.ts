import { sql, type Kysely } from 'kysely';

/**
 * What the dashboards read instead of the case table (1,000,000 rows at national scale):
 * - `case_stats`: the current stock of cases per regency, category, status and stage, kept by a
 *   trigger on `cases` in the transaction that changes the case;
 * - `case_flow`: per regency, category and month (on the province's calendar) how many cases were
 *   opened, verified as resolved and closed, with the days each resolution took in a histogram
 *   (weeks) for medians, kept by a trigger on `case_events`;
 * - `case_backlog`: open and overdue cases by age bucket, which change with the clock alone and
 *   are therefore refreshed by the server every minute (dashboard/backlog-refresh.ts), as is
 *   `pendamping_load` (each pendamping's open and overdue cases, for caseload figures).
 * `case_stats_rebuild()` recomputes the first two from the base tables (bulk loads, and the tests
 * that prove both ways agree).
 * Every table holds two levels: regency rows (tingkat 2, induk = province) and province rows
 * (tingkat 1), each level its own partition, so the national dashboard reads only the ~38 × 26
 * province groups instead of summing 514 regencies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_stats (
      tingkat smallint not null,
      induk text not null,
      kode text not null,
      ppks char(2) not null,
      status text not null,
      tahapan text not null,
      n integer not null,
      primary key (tingkat, induk, kode, ppks, status, tahapan)
    ) partition by list (tingkat)`.execute(db);
  await sql`create table case_stats_provinsi partition of case_stats for values in (1)`.execute(db);
  await sql`create table case_stats_kabupaten partition of case_stats for values in (2)`.execute(db);
  // One statement applies all deltas (old row out, new row in, at both levels) in key order:
  // concurrent moves in the same province then lock the shared counters in the same order and
  // cannot deadlock (moves back and forth between two stages otherwise would).
  await sql`
    create function case_stats_track() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.wilayah = old.wilayah and new.ppks = old.ppks and new.status = old.status and new.tahapan = old.tahapan then
        return null;
      end if;
      with deltas (w, p, st, th, d) as (
        select * from (values (old.wilayah, old.ppks, old.status, old.tahapan, -1), (new.wilayah, new.ppks, new.status, new.tahapan, 1)) v (w, p, st, th, d)
        where w is not null
      )
      insert into case_stats as s (tingkat, induk, kode, ppks, status, tahapan, n)
      select t, i, k, p, st, th, sum(d) from (
        select 2::smallint as t, left(w, 2) as i, left(w, 5) as k, p, st, th, d from deltas
        union all
        select 1::smallint, '', left(w, 2), p, st, th, d from deltas
      ) x
      group by t, i, k, p, st, th
      having sum(d) <> 0
      order by t, i, k, p, st, th
      on conflict (tingkat, induk, kode, ppks, status, tahapan) do update set n = s.n + excluded.n;
      return null;
    end $$`.execute(db);
  await sql`create trigger cases_stats after insert or update or delete on cases for each row execute function case_stats_track()`.execute(db);

  await sql`
    create table case_flow (
      tingkat smallint not null,
      induk text not null,
      kode text not null,
      ppks char(2) not null,
      bulan date not null,
      dibuat integer not null default 0,
      terselesaikan integer not null default 0,
      ditutup integer not null default 0,
      primary key (tingkat, induk, kode, ppks, bulan)
    ) partition by list (tingkat)`.execute(db);
  await sql`create table case_flow_provinsi partition of case_flow for values in (1)`.execute(db);
  await sql`create table case_flow_kabupaten partition of case_flow for values in (2)`.execute(db);
  await sql`
    create table case_resolution_weeks (
      tingkat smallint not null,
      induk text not null,
      kode text not null,
      ppks char(2) not null,
      bulan date not null,
      minggu integer not null,
      n integer not null,
      primary key (tingkat, induk, kode, ppks, bulan, minggu)
    ) partition by list (tingkat)`.execute(db);
  await sql`create table case_resolution_weeks_provinsi partition of case_resolution_weeks for values in (1)`.execute(db);
  await sql`create table case_resolution_weeks_kabupaten partition of case_resolution_weeks for values in (2)`.execute(db);
  await sql`
    create function case_flow_track() returns trigger language plpgsql as $$
    declare c record; m date; weeks int;
    begin
      if new.jenis not in ('dibuat', 'diverifikasi', 'ditutup') then return null; end if;
      select wilayah, ppks, created_at into c from cases where id = new.case_id;
      m := date_trunc('month', new.at at time zone tuntas_zone(c.wilayah))::date;
      insert into case_flow as f values
        (2, left(c.wilayah, 2), left(c.wilayah, 5), c.ppks, m, (new.jenis = 'dibuat')::int, (new.jenis = 'diverifikasi')::int, (new.jenis = 'ditutup')::int),
        (1, '', left(c.wilayah, 2), c.ppks, m, (new.jenis = 'dibuat')::int, (new.jenis = 'diverifikasi')::int, (new.jenis = 'ditutup')::int)
      on conflict (tingkat, induk, kode, ppks, bulan) do update set
        dibuat = f.dibuat + excluded.dibuat, terselesaikan = f.terselesaikan + excluded.terselesaikan, ditutup = f.ditutup + excluded.ditutup;
      if new.jenis = 'diverifikasi' then
        weeks := least(156, greatest(0, floor(extract(epoch from new.at - c.created_at) / 604800)))::int;
        insert into case_resolution_weeks as r values (2, left(c.wilayah, 2), left(c.wilayah, 5), c.ppks, m, weeks, 1), (1, '', left(c.wilayah, 2), c.ppks, m, weeks, 1)
        on conflict (tingkat, induk, kode, ppks, bulan, minggu) do update set n = r.n + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger case_events_flow after insert on case_events for each row execute function case_flow_track()`.execute(db);

  await sql`
    create function case_stats_rebuild() returns void language sql as $$
      truncate case_stats, case_flow, case_resolution_weeks;
      insert into case_stats select 2, left(wilayah, 2), left(wilayah, 5), ppks, status, tahapan, count(*) from cases group by 2, 3, 4, 5, 6;
      insert into case_flow
      select 2, left(c.wilayah, 2), left(c.wilayah, 5), c.ppks, date_trunc('month', e.at at time zone tuntas_zone(c.wilayah))::date,
        count(*) filter (where e.jenis = 'dibuat'), count(*) filter (where e.jenis = 'diverifikasi'), count(*) filter (where e.jenis = 'ditutup')
      from case_events e join cases c on c.id = e.case_id
      where e.jenis in ('dibuat', 'diverifikasi', 'ditutup')
      group by 2, 3, 4, 5;
      insert into case_resolution_weeks
      select 2, left(c.wilayah, 2), left(c.wilayah, 5), c.ppks, date_trunc('month', e.at at time zone tuntas_zone(c.wilayah))::date,
        least(156, greatest(0, floor(extract(epoch from e.at - c.created_at) / 604800)))::int, count(*)
      from case_events e join cases c on c.id = e.case_id
      where e.jenis = 'diverifikasi'
      group by 2, 3, 4, 5, 6;
      insert into case_stats select 1, '', induk, ppks, status, tahapan, sum(n) from case_stats where tingkat = 2 group by 3, 4, 5, 6;
      insert into case_flow select 1, '', induk, ppks, bulan, sum(dibuat), sum(terselesaikan), sum(ditutup) from case_flow where tingkat = 2 group by 3, 4, 5;
      insert into case_resolution_weeks select 1, '', induk, ppks, bulan, minggu, sum(n) from case_resolution_weeks where tingkat = 2 group by 3, 4, 5, 6;
    $$`.execute(db);

  await sql`
    create table case_backlog (
      tingkat smallint not null,
      induk text not null,
      kode text not null,
      ppks char(2) not null,
      umur text not null check (umur in ('0-30', '31-90', '91-180', '>180')),
      aktif integer not null,
      terlambat integer not null,
      primary key (tingkat, induk, kode, ppks, umur)
    ) partition by list (tingkat)`.execute(db);
  await sql`create table case_backlog_provinsi partition of case_backlog for values in (1)`.execute(db);
  await sql`create table case_backlog_kabupaten partition of case_backlog for values in (2)`.execute(db);
  await sql`
    create table pendamping_load (
      user_id uuid primary key references users (id) on delete cascade,
      wilayah text not null,
      aktif integer not null,
      terlambat integer not null
    )`.execute(db);
  await sql`create index pendamping_load_wilayah_idx on pendamping_load (wilayah text_pattern_ops)`.execute(db);
  // The koordinator's inbox count and the dashboard's "waiting for approval" read this.
  await sql`create index activities_submitted_idx on activities (wilayah text_pattern_ops) where status = 'diajukan'`.execute(db);
  // Median days to resolution over the last 12 months per level and category ('' = all), also
  // refreshed each minute: a percentile cannot be kept by adding and subtracting.
  await sql`
    create table case_medians (
      tingkat smallint not null,
      induk text not null,
      kode text not null,
      ppks text not null,
      median_hari integer not null,
      primary key (tingkat, induk, kode, ppks)
    )`.execute(db);
  await sql`create table case_backlog_meta (id boolean primary key default true check (id), refreshed_at timestamptz not null)`.execute(db);
}

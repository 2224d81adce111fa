import { sql, type Kysely } from 'kysely';

/**
 * The working calendar (issue 19): national holidays and cuti bersama, and periods of special
 * working hours (Ramadan), kept by an admin. One SQL predicate `tuntas_hari_kerja` decides a
 * working day for the monthly counters, so presence on a holiday is not a working day present and
 * a holiday is never a day absent. Seeded with 2026 from the joint decree (SKB Menteri Agama,
 * Menteri Ketenagakerjaan dan Menteri PANRB) on 2026's holidays and cuti bersama, and Ramadan
 * 1447 H's hours; later years are entered by the admin. Frozen: the dates are written out here.
 */
const LIBUR_2026: [string, 'libur_nasional' | 'cuti_bersama', string][] = [
  ['2026-01-01', 'libur_nasional', 'Tahun Baru 2026 Masehi'],
  ['2026-01-16', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW'],
  ['2026-02-16', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek'],
  ['2026-02-17', 'libur_nasional', 'Tahun Baru Imlek 2577 Kongzili'],
  ['2026-03-18', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi'],
  ['2026-03-19', 'libur_nasional', 'Hari Suci Nyepi Tahun Baru Saka 1948'],
  ['2026-03-20', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-21', 'libur_nasional', 'Idul Fitri 1447 H'],
  ['2026-03-22', 'libur_nasional', 'Idul Fitri 1447 H'],
  ['2026-03-23', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-24', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-04-03', 'libur_nasional', 'Wafat Yesus Kristus'],
  ['2026-04-05', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)'],
  ['2026-05-01', 'libur_nasional', 'Hari Buruh Internasional'],
  ['2026-05-14', 'libur_nasional', 'Kenaikan Yesus Kristus'],
  ['2026-05-15', 'cuti_bersama', 'Cuti bersama Kenaikan Yesus Kristus'],
  ['2026-05-27', 'libur_nasional', 'Idul Adha 1447 H'],
  ['2026-05-28', 'cuti_bersama', 'Cuti bersama Idul Adha 1447 H'],
  ['2026-05-31', 'libur_nasional', 'Hari Raya Waisak 2570 BE'],
  ['2026-06-01', 'libur_nasional', 'Hari Lahir Pancasila'],
  ['2026-06-16', 'libur_nasional', 'Tahun Baru Islam 1448 H'],
  ['2026-08-17', 'libur_nasional', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
  ['2026-08-25', 'libur_nasional', 'Maulid Nabi Muhammad SAW'],
  ['2026-12-24', 'cuti_bersama', 'Cuti bersama Hari Raya Natal'],
  ['2026-12-25', 'libur_nasional', 'Hari Raya Natal'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table hari_libur (
    tanggal date primary key,
    jenis text not null check (jenis in ('libur_nasional', 'cuti_bersama')),
    nama text not null check (length(nama) between 3 and 120),
    sumber text,
    diubah_oleh uuid references users (id),
    diubah_pada timestamptz not null default now()
  )`.execute(db);
  await sql`create table jam_kerja_khusus (
    id uuid primary key default gen_random_uuid(),
    nama text not null check (length(nama) between 3 and 120),
    mulai date not null,
    selesai date not null,
    masuk_menit integer not null check (masuk_menit between 0 and 1439),
    pulang_menit integer not null check (pulang_menit between 0 and 1439),
    pulang_jumat_menit integer not null check (pulang_jumat_menit between 0 and 1439),
    sumber text,
    diubah_oleh uuid references users (id),
    diubah_pada timestamptz not null default now(),
    check (selesai >= mulai and selesai - mulai <= 45),
    check (pulang_menit > masuk_menit and pulang_jumat_menit > masuk_menit)
  )`.execute(db);
  await sql`create index jam_kerja_khusus_mulai_idx on jam_kerja_khusus (mulai, selesai)`.execute(db);

  const sumber = 'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026';
  for (const [tanggal, jenis, nama] of LIBUR_2026) {
    await sql`insert into hari_libur (tanggal, jenis, nama, sumber) values (${tanggal}, ${jenis}, ${nama}, ${sumber})`.execute(db);
  }
  await sql`insert into jam_kerja_khusus (nama, mulai, selesai, masuk_menit, pulang_menit, pulang_jumat_menit, sumber)
    values ('Bulan Ramadan 1447 H', '2026-02-19', '2026-03-19', 480, 900, 930,
      'Surat Edaran Menteri PANRB tentang jam kerja ASN pada bulan Ramadan 1447 H')`.execute(db);

  await sql`create function tuntas_hari_kerja(d date) returns boolean language sql stable parallel safe as $$
    select extract(isodow from d) <= 5 and not exists (select 1 from hari_libur h where h.tanggal = d)
  $$`.execute(db);

  // The attendance part of the monthly counters now asks the calendar, not the weekday.
  await sql`
    create or replace function worker_monthly_attendance() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and tuntas_hari_kerja(old.tanggal) then
        perform worker_monthly_add(old.user_id, date_trunc('month', old.tanggal)::date, 0, 0, 0, 0, 0, 0, 0,
          -(old.status in ('hadir', 'dinas_luar'))::int, -coalesce(old.status in ('izin', 'sakit', 'cuti') and old.persetujuan = 'disetujui', false)::int);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and tuntas_hari_kerja(new.tanggal) then
        perform worker_monthly_add(new.user_id, date_trunc('month', new.tanggal)::date, 0, 0, 0, 0, 0, 0, 0,
          (new.status in ('hadir', 'dinas_luar'))::int, coalesce(new.status in ('izin', 'sakit', 'cuti') and new.persetujuan = 'disetujui', false)::int);
      end if;
      return null;
    end $$`.execute(db);

  // The full rebuild (the demo seed, repairs) counts working days by the same calendar.
  await sql`
    create or replace function worker_monthly_rebuild() returns void language sql as $$
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
        from attendance where tuntas_hari_kerja(tanggal)
        group by 1, 2
      ) parts
      group by 1, 2
    $$`.execute(db);

  // A holiday entered (or removed) after the fact: the month's attendance counters are recounted.
  await sql`
    create function worker_monthly_recount_attendance(m date) returns void language sql as $$
      update worker_monthly w set hadir_kerja = 0, cuti_kerja = 0 where w.bulan = m;
      insert into worker_monthly (user_id, bulan, hadir_kerja, cuti_kerja)
      select user_id, m, count(*) filter (where status in ('hadir', 'dinas_luar')),
        count(*) filter (where status in ('izin', 'sakit', 'cuti') and persetujuan = 'disetujui')
      from attendance where tanggal >= m and tanggal < m + interval '1 month' and tuntas_hari_kerja(tanggal)
      group by user_id
      on conflict (user_id, bulan) do update set hadir_kerja = excluded.hadir_kerja, cuti_kerja = excluded.cuti_kerja
    $$`.execute(db);
  await sql`select worker_monthly_recount_attendance(m::date) from generate_series('2026-01-01'::date, '2026-12-01'::date, interval '1 month') m`.execute(
    db,
  );
}

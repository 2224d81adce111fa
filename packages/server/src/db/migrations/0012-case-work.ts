import { sql, type Kysely } from 'kysely';

/**
 * The work inside a case: assessments (answers to a versioned form), case conferences, the
 * intervention plan under the koordinator's review, services and notes with attachments,
 * referrals to a directory of institutions, transfers between pendamping, the outcome criteria
 * with their evidence, and the follow-up schedule of bimbingan lanjut. Every row belongs to a case;
 * reads go through the case's area. Also the per-minute snapshots of the unfiltered dashboards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_assessments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      form_kode text not null,
      form_versi integer not null,
      data jsonb not null,
      risiko text not null check (risiko in ('rendah', 'sedang', 'tinggi')),
      created_at timestamptz not null default now(),
      created_by uuid references users (id)
    )`.execute(db);
  await sql`create index case_assessments_case_idx on case_assessments (case_id, created_at)`.execute(db);

  await sql`
    create table case_conferences (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      tanggal date not null,
      peserta text[] not null,
      ringkasan text not null,
      keputusan text not null,
      created_at timestamptz not null default now(),
      created_by uuid references users (id)
    )`.execute(db);
  await sql`create index case_conferences_case_idx on case_conferences (case_id, tanggal)`.execute(db);

  // One living plan per case; each submission and decision is also a case event with the plan's
  // content, so earlier revisions stay readable on the timeline.
  await sql`
    create table case_plans (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null unique references cases (id),
      tujuan jsonb not null,
      layanan jsonb not null,
      status text not null default 'draf' check (status in ('draf', 'diajukan', 'disetujui', 'dikembalikan')),
      revisi integer not null default 1,
      komentar text,
      diajukan_pada timestamptz,
      diputus_oleh uuid references users (id),
      diputus_pada timestamptz,
      updated_at timestamptz not null default now(),
      updated_by uuid references users (id),
      version integer not null default 1
    )`.execute(db);
  await sql`create index case_plans_waiting_idx on case_plans (diajukan_pada) where status = 'diajukan'`.execute(db);

  await sql`
    create table case_services (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      jenis text not null check (jenis in ('layanan', 'catatan')),
      atensi text references atensi_layanan (kode),
      tanggal date not null,
      tempat text,
      pelaksana text,
      uraian text not null,
      created_at timestamptz not null default now(),
      created_by uuid references users (id),
      check (jenis = 'catatan' or atensi is not null)
    )`.execute(db);
  await sql`create index case_services_case_idx on case_services (case_id, tanggal)`.execute(db);

  await sql`
    create table case_attachments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      nama text not null,
      keterangan text,
      mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
      ukuran integer not null check (ukuran between 1 and 5242880),
      bytes bytea not null,
      created_at timestamptz not null default now(),
      created_by uuid references users (id)
    )`.execute(db);
  await sql`create index case_attachments_case_idx on case_attachments (case_id)`.execute(db);

  await sql`
    create table lembaga (
      id uuid primary key default gen_random_uuid(),
      nama text not null,
      jenis text not null check (jenis in ('rumah_sakit', 'puskesmas', 'unit_ppa_polri', 'bnn', 'uptd_ppa', 'dinas_sosial', 'lks', 'sentra_kemensos', 'dukcapil', 'lainnya')),
      wilayah text references wilayah (kode),
      alamat text,
      telepon text,
      batas_hari integer not null default 7 check (batas_hari between 1 and 90),
      aktif boolean not null default true,
      created_at timestamptz not null default now(),
      created_by uuid references users (id),
      unique (nama, wilayah)
    )`.execute(db);
  await sql`create index lembaga_wilayah_idx on lembaga (wilayah text_pattern_ops)`.execute(db);

  await sql`
    create table rujukan (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      lembaga_id uuid not null references lembaga (id),
      wilayah text not null,
      layanan text not null,
      alasan text not null,
      batas_hari integer not null check (batas_hari between 1 and 90),
      status text not null default 'dikirim' check (status in ('dikirim', 'diterima', 'disetujui', 'ditolak', 'selesai', 'dibatalkan')),
      dikirim_pada timestamptz not null default now(),
      dikirim_oleh uuid references users (id),
      diterima_pada timestamptz,
      diterima_oleh uuid references users (id),
      dijawab_pada timestamptz,
      dijawab_oleh uuid references users (id),
      selesai_pada timestamptz,
      selesai_oleh uuid references users (id),
      petugas_lembaga text,
      catatan text,
      version integer not null default 1
    )`.execute(db);
  await sql`create index rujukan_case_idx on rujukan (case_id, dikirim_pada)`.execute(db);
  // The case's area, copied by triggers (on sending, and whenever the case moves) so dashboards
  // count waiting referrals of an area from one partial index, without visiting the cases.
  await sql`
    create function rujukan_wilayah_of_case() returns trigger language plpgsql as $$
    begin
      select wilayah into new.wilayah from cases where id = new.case_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger rujukan_wilayah before insert on rujukan for each row execute function rujukan_wilayah_of_case()`.execute(db);
  await sql`
    create function rujukan_follow_case() returns trigger language plpgsql as $$
    begin
      update rujukan set wilayah = new.wilayah where case_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger cases_rujukan_wilayah after update of wilayah on cases
    for each row when (old.wilayah is distinct from new.wilayah) execute function rujukan_follow_case()`.execute(db);
  await sql`
    create index rujukan_waiting_idx on rujukan (wilayah text_pattern_ops) include (dikirim_pada, batas_hari, case_id)
    where status in ('dikirim', 'diterima')`.execute(db);

  await sql`
    create table case_transfers (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      dari_pendamping uuid references users (id),
      ke_pendamping uuid not null references users (id),
      ke_wilayah text references wilayah (kode),
      alasan text not null,
      status text not null default 'diajukan' check (status in ('diajukan', 'diterima', 'ditolak', 'dibatalkan')),
      diajukan_oleh uuid not null references users (id),
      diajukan_pada timestamptz not null default now(),
      diputus_oleh uuid references users (id),
      diputus_pada timestamptz,
      catatan text
    )`.execute(db);
  await sql`create unique index case_transfers_open_idx on case_transfers (case_id) where status = 'diajukan'`.execute(db);
  await sql`create index case_transfers_target_idx on case_transfers (ke_pendamping) where status = 'diajukan'`.execute(db);

  await sql`
    create table case_outcomes (
      case_id uuid not null references cases (id),
      kriteria text not null,
      terpenuhi boolean not null,
      bukti text,
      updated_at timestamptz not null default now(),
      updated_by uuid references users (id),
      primary key (case_id, kriteria)
    )`.execute(db);

  await sql`
    create table case_followups (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      jadwal date not null,
      status text not null default 'terjadwal' check (status in ('terjadwal', 'selesai', 'batal')),
      kondisi text check (kondisi in ('stabil', 'perlu_perhatian', 'kambuh')),
      hasil text,
      dicatat_pada timestamptz,
      dicatat_oleh uuid references users (id)
    )`.execute(db);
  await sql`create index case_followups_case_idx on case_followups (case_id, jadwal)`.execute(db);
  await sql`create index case_followups_due_idx on case_followups (jadwal) include (case_id) where status = 'terjadwal'`.execute(db);

  // The national and provincial dashboards as they open (no filter), computed each minute after
  // the backlog refresh: the most-read screen answers from one row.
  await sql`
    create table dashboard_snapshots (
      wilayah text primary key,
      body jsonb not null,
      refreshed_at timestamptz not null
    )`.execute(db);

  // Break-glass: an auditor opens a protected identity for a stated reason, for a limited time.
  await sql`
    create table case_identity_access (
      id bigserial primary key,
      case_id uuid not null references cases (id),
      user_id uuid not null references users (id),
      alasan text not null,
      created_at timestamptz not null default now(),
      berlaku_sampai timestamptz not null
    )`.execute(db);
  await sql`create index case_identity_access_idx on case_identity_access (user_id, case_id, berlaku_sampai)`.execute(db);
}

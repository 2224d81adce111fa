import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Kemensos sentra (national technical units) that take referrals from every province. */
const SENTRA = [
  ['Sentra Handayani', 'Jakarta Timur'],
  ['Sentra Mulya Jaya', 'Jakarta Timur'],
  ['Sentra Terpadu Pangudi Luhur', 'Bekasi'],
  ['Sentra Galih Pakuan', 'Bogor'],
  ['Sentra Phala Martha', 'Sukabumi'],
  ['Sentra Wyata Guna', 'Bandung'],
  ['Sentra Abiseka', 'Pekanbaru'],
  ['Sentra Budi Perkasa', 'Palembang'],
  ['Sentra Efata', 'Kupang'],
  ['Sentra Satria', 'Baturraden'],
] as const;

/** The institutions every province has, as [jenis, name prefix]. */
const PER_PROVINCE = [
  ['dinas_sosial', 'Dinas Sosial Provinsi'],
  ['uptd_ppa', 'UPTD PPA Provinsi'],
  ['rumah_sakit', 'RSUD Provinsi'],
  ['bnn', 'BNN Provinsi'],
  ['unit_ppa_polri', 'Unit PPA Polda'],
  ['dukcapil', 'Dinas Dukcapil Provinsi'],
  ['lks', 'LKS Mitra Provinsi'],
  ['puskesmas', 'Puskesmas Mitra Provinsi'],
] as const;

/**
 * The work inside demo cases, in bulk SQL over the loaded cases: the referral directory (seven
 * institutions per province and the national sentra), referrals (about one case in eight once in
 * intervention; recent ones still waiting, some past their days), intervention plans (submitted
 * at rencana, approved from intervensi on) and the follow-up schedule of bimbingan lanjut.
 * Deterministic: choices hash the case number, which the seed assigns in order.
 */
export async function seedCaseWork(
  db: Kysely<DB>,
  now: Date,
): Promise<{ lembaga: number; rujukan: number; rencana: number; bimbingan: number }> {
  for (const [jenis, prefix] of PER_PROVINCE) {
    await sql`
      insert into lembaga (nama, jenis, wilayah, batas_hari)
      select ${prefix}::text || ' ' || w.nama, ${jenis}::text, w.kode, ${jenis === 'rumah_sakit' || jenis === 'puskesmas' ? 3 : 7}::int
      from wilayah w where w.tingkat = 1 on conflict do nothing`.execute(db);
  }
  for (const [nama, kota] of SENTRA) {
    await sql`insert into lembaga (nama, jenis, wilayah, alamat, batas_hari) values (${nama}, 'sentra_kemensos', null, ${kota}, 14) on conflict do nothing`.execute(
      db,
    );
  }
  const bucket = (mod: number) => sql<number>`abs(hashtext(c.nomor)) % ${mod}::int`;
  // The institution a category is usually referred to.
  const jenisOf = sql<string>`case
    when c.ppks in ('03', '06', '18', '19') then 'uptd_ppa'
    when c.ppks = '17' then 'bnn'
    when c.ppks in ('16', '05', '09') then 'rumah_sakit'
    when c.ppks in ('26', '14', '11', '12') then 'dukcapil'
    when c.ppks in ('01', '02', '04', '07', '08') then 'lks'
    else 'dinas_sosial' end`;
  const rujukan = await sql`
    insert into rujukan (case_id, lembaga_id, layanan, alasan, batas_hari, status, dikirim_pada, dikirim_oleh, diterima_pada, dijawab_pada, selesai_pada)
    select c.id, l.id, 'Layanan lanjutan sesuai rencana intervensi', 'Kebutuhan di luar kewenangan pendamping', l.batas_hari, s.status, s.dikirim,
      c.pendamping_id,
      case when s.status <> 'dikirim' then s.dikirim + interval '1 day' end,
      case when s.status in ('disetujui', 'ditolak', 'selesai') then s.dikirim + interval '3 days' end,
      case when s.status = 'selesai' then s.dikirim + interval '20 days' end
    from cases c
    join lembaga l on l.wilayah = left(c.wilayah, 2) and l.jenis = ${jenisOf}
    cross join lateral (
      select least(c.tahapan_sejak + interval '2 days', ${now}::timestamptz - interval '1 hour') as dikirim,
        case
          when c.status in ('terdata', 'tertangani') and c.tahapan_sejak > ${now}::timestamptz - interval '30 days' then (case when ${bucket(3)} = 0 then 'diterima' else 'dikirim' end)
          when ${bucket(10)} = 0 then 'ditolak'
          else 'selesai' end as status
    ) s
    where c.tahapan in ('intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut') and ${bucket(8)} = 0`.execute(db);
  const tujuan = JSON.stringify(['Kebutuhan dasar terpenuhi', 'Keberfungsian sosial pulih']);
  const layanan = (batas: string) =>
    sql`jsonb_build_array(jsonb_build_object('atensi', 'hidup_layak', 'uraian', 'Pemenuhan kebutuhan dasar', 'pelaksana', 'Dinas Sosial', 'batas', ${batas}::text),
      jsonb_build_object('atensi', 'terapi', 'uraian', 'Dukungan psikososial', 'pelaksana', 'Pendamping', 'batas', ${batas}::text))`;
  const rencana = await sql`
    insert into case_plans (case_id, tujuan, layanan, status, diajukan_pada, diputus_oleh, diputus_pada, updated_at, updated_by)
    select c.id, ${tujuan}::jsonb, ${layanan('2027-06-30')},
      case when c.tahapan = 'rencana' then 'diajukan' else 'disetujui' end,
      c.tahapan_sejak, null, case when c.tahapan = 'rencana' then null else c.tahapan_sejak end, c.tahapan_sejak, c.pendamping_id
    from cases c where c.status = 'tertangani' and c.tahapan in ('rencana', 'intervensi')`.execute(db);
  const bimbingan = await sql`
    insert into case_followups (case_id, jadwal, status, kondisi, hasil, dicatat_pada, dicatat_oleh)
    select c.id, j.jadwal, case when j.jadwal < ${now}::date - 7 then 'selesai' else 'terjadwal' end,
      case when j.jadwal < ${now}::date - 7 then 'stabil' end,
      case when j.jadwal < ${now}::date - 7 then 'Kondisi stabil, kebutuhan dasar terpenuhi' end,
      case when j.jadwal < ${now}::date - 7 then j.jadwal::timestamptz end,
      case when j.jadwal < ${now}::date - 7 then c.pendamping_id end
    from cases c cross join lateral (select (c.tahapan_sejak::date + d) as jadwal from unnest(array[30, 90, 180]) d) j
    where c.tahapan = 'bimbingan_lanjut' and c.tahapan_sejak > ${now}::timestamptz - interval '200 days'`.execute(db);
  const lembaga = await db
    .selectFrom('lembaga')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    lembaga: Number(lembaga.n),
    rujukan: Number(rujukan.numAffectedRows ?? 0),
    rencana: Number(rencana.numAffectedRows ?? 0),
    bimbingan: Number(bimbingan.numAffectedRows ?? 0),
  };
}

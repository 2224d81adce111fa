import { CATEGORY_STAGE_DAYS, DEFAULT_STAGE_DAYS } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';

/**
 * Target days per stage, and per category where practice differs: the source of "terlambat".
 * A row without ppks is the default for the stage; an admin changes them through the API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tahapan_target (
      tahapan text not null references tahapan (kode),
      ppks char(2) references ppks (kode),
      hari integer not null check (hari between 1 and 3650)
    )`.execute(db);
  await sql`create unique index tahapan_target_key on tahapan_target (tahapan, coalesce(ppks, ''))`.execute(db);
  const rows = [
    ...Object.entries(DEFAULT_STAGE_DAYS).filter(([, hari]) => hari !== null).map(([tahapan, hari]) => ({ tahapan, ppks: null as string | null, hari: hari! })),
    ...CATEGORY_STAGE_DAYS.map((o) => ({ tahapan: o.tahapan as string, ppks: o.ppks as string | null, hari: o.hari })),
  ];
  for (const r of rows) await sql`insert into tahapan_target (tahapan, ppks, hari) values (${r.tahapan}, ${r.ppks}, ${r.hari})`.execute(db);
}

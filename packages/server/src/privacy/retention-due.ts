import { sql, type RawBuilder } from 'kysely';
import { isChildSql } from '../authz/identity-protection.js';
import { retentionDays, type RecordType, type RetentionSchedule } from './retention-schedule.js';

/**
 * What is due, as SQL the dry run counts and the run acts on (one definition for both). A time
 * limit is measured from the record's last activity by the database's clock, so every node and
 * the CLI agree.
 */

export function cutoff(schedule: RetentionSchedule, jenis: RecordType): RawBuilder<Date> {
  return sql<Date>`(now() - make_interval(days => ${retentionDays(schedule, jenis)}))`;
}

/** A hold in force on the person `b` or on any of their cases. */
export function personHeldSql(): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from legal_holds h where h.dicabut_pada is null
    and (h.beneficiary_id = b.id or h.case_id in (select hc.id from cases hc where hc.beneficiary_id = b.id)))`;
}

/**
 * A person `b` whose record has rested for the whole period: not anonymised, of age (a child's
 * file is kept at least until they are 18), no case open, nothing done on any case, on the person
 * or in a disaster record of theirs since the cutoff, and no disaster of theirs still running.
 */
export function personDueSql(schedule: RetentionSchedule): RawBuilder<boolean> {
  const before = cutoff(schedule, 'kasus');
  return sql<boolean>`(b.dianonimkan_pada is null
    and not ${isChildSql('b')}
    and b.updated_at < ${before}
    and not exists (select 1 from cases c where c.beneficiary_id = b.id
      and (c.status in ('terdata', 'tertangani') or c.updated_at >= ${before} or c.tahapan_sejak >= ${before}
        or exists (select 1 from case_events e where e.case_id = c.id and e.at >= ${before})
        or exists (select 1 from case_followups f where f.case_id = c.id and f.status = 'terjadwal' and f.jadwal >= ${before}::date)))
    and not exists (select 1 from disaster_affected a join disasters d on d.id = a.disaster_id where a.beneficiary_id = b.id
      and (d.selesai is null or d.selesai >= ${before}::date or a.dicatat_pada >= ${before})))`;
}

/** A closed tracing record `t` (reunited or closed) past its period, not linked to a held person. */
export function tracingDueSql(schedule: RetentionSchedule): RawBuilder<boolean> {
  const before = cutoff(schedule, 'penelusuran');
  return sql<boolean>`(t.dianonimkan_pada is null
    and t.status in ('dipersatukan', 'ditutup')
    and coalesce(t.dipersatukan_pada, t.ditutup_pada) < ${before}
    and not exists (select 1 from disaster_tracing o where o.id = t.pasangan_id and o.status not in ('dipersatukan', 'ditutup'))
    and not exists (select 1 from disaster_affected a join legal_holds h on h.beneficiary_id = a.beneficiary_id and h.dicabut_pada is null
      where a.id = t.affected_id))`;
}

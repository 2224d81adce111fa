import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventRecord } from '@tuntas/domain';
import { auditExportUrl, useAuditEvents, useChainVerdict, type AuditFilters } from '../../api/admin-queries.js';
import { useMe } from '../../api/queries.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { AreaSelect } from './AreaSelect.js';
import { TableScroll } from '../../components/TableScroll.js';

const PAGE_SIZE = 50;
/** Actions worth offering by name; any other is typed. */
const COMMON_ACTIONS = [
  'case.read',
  'beneficiary.read',
  'case.identity.break_glass',
  'beneficiary.identity.break_glass',
  'auth.login',
  'user.create',
  'user.update',
  'user.password_reset',
  'audit.export',
];

/** A local calendar day as the instant it starts (from) or the next one starts (to, exclusive). */
const dayStart = (day: string, next = false) => {
  const d = new Date(`${day}T00:00:00`);
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
};

function Verdict() {
  const { t } = useTranslation();
  const verdict = useChainVerdict();
  if (verdict.isPending) return <p aria-busy="true">{t('admin.audit.verifying')}</p>;
  if (verdict.isError)
    return (
      <p role="alert" className="error">
        {verdict.error.message}
      </p>
    );
  const v = verdict.data;
  return (
    <div className={v.ok ? 'notice chain-ok' : 'error chain-broken'} role="status" data-testid="chain-verdict">
      <strong>{v.ok ? t('admin.audit.chainOk') : t('admin.audit.chainBroken', { id: v.brokenAt })}</strong>{' '}
      <span>{t('admin.audit.checked', { count: v.checked, n: formatNumber(v.checked) })}</span>{' '}
      <button className="secondary small" onClick={() => void verdict.refetch()} aria-busy={verdict.isFetching}>
        {t('admin.audit.verifyAgain')}
      </button>
    </div>
  );
}

function EventRow({ e, onRecord }: { e: AuditEventRecord; onRecord: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <tr className={e.protectedRead ? 'protected-read' : undefined}>
      <td>
        <small>#{e.id}</small>
        <div>{formatDateTime(e.at, e.wilayah)}</div>
      </td>
      <td>{e.actorUsername ?? t('admin.audit.system')}</td>
      <td>
        <code>{e.action}</code>
        {e.protectedRead && (
          <div>
            <mark>{t('admin.audit.protectedRead')}</mark>
          </div>
        )}
      </td>
      <td>
        {e.entityType}
        {e.entityId && (
          <div>
            <button className="link small" onClick={() => onRecord(e.entityId!)} title={t('admin.audit.historyOf', { id: e.entityId })}>
              {e.entityId.slice(0, 8)}…
            </button>
          </div>
        )}
      </td>
      <td>
        {e.subjectId ? (
          <button className="link small" onClick={() => onRecord(e.subjectId!)} title={t('admin.audit.historyOf', { id: e.subjectId })}>
            {e.subjectId.slice(0, 8)}…
          </button>
        ) : (
          t('common.none')
        )}
      </td>
      <td>{e.wilayah ?? t('admin.audit.national')}</td>
      <td>
        {e.details !== null && e.details !== undefined ? (
          <details>
            <summary>{t('admin.audit.details')}</summary>
            <pre>{JSON.stringify(e.details, null, 1)}</pre>
            {e.ip && <small>IP {e.ip}</small>}
          </details>
        ) : (
          e.ip && <small>IP {e.ip}</small>
        )}
      </td>
    </tr>
  );
}

interface Draft {
  actorUsername: string;
  entityId: string;
  action: string;
  wilayah: string | null;
  from: string;
  to: string;
  protectedReads: boolean;
}

const EMPTY: Draft = { actorUsername: '', entityId: '', action: '', wilayah: null, from: '', to: '', protectedReads: false };

function toFilters(d: Draft): AuditFilters {
  return {
    actorUsername: d.actorUsername.trim() || undefined,
    entityId: d.entityId.trim() || undefined,
    action: d.action.trim() || undefined,
    wilayah: d.wilayah ?? undefined,
    from: d.from ? dayStart(d.from) : undefined,
    to: d.to ? dayStart(d.to, true) : undefined,
    protectedReads: d.protectedReads || undefined,
  };
}

/** Jejak audit (issue 20): who did what, where and when; the reads of protected people; a record's history; the chain's state. */
export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const [page, setPage] = useState(1);
  const filters = toFilters(applied);
  const events = useAuditEvents({ ...filters, page, pageSize: PAGE_SIZE });
  const apply = (next: Draft) => {
    setDraft(next);
    setApplied(next);
    setPage(1);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const field = (key: 'actorUsername' | 'entityId' | 'action' | 'from' | 'to') => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  return (
    <section>
      <h1>{t('admin.audit.title')}</h1>
      <Verdict />
      <p className="muted">{me.role === 'admin' ? t('admin.audit.introAdmin') : t('admin.audit.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('admin.audit.filters')}>
        <label>
          {t('admin.audit.actor')}
          <input {...field('actorUsername')} placeholder={t('admin.audit.actorPlaceholder')} autoComplete="off" />
        </label>
        <label>
          {t('admin.audit.record')}
          <input {...field('entityId')} placeholder={t('admin.audit.recordPlaceholder')} autoComplete="off" />
        </label>
        <label>
          {t('admin.audit.action')}
          <input {...field('action')} list="audit-actions" autoComplete="off" />
          <datalist id="audit-actions">
            {COMMON_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          {t('admin.audit.from')}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {t('admin.audit.to')}
          <input type="date" {...field('to')} />
        </label>
        <AreaSelect
          value={draft.wilayah}
          onChange={(w) => setDraft({ ...draft, wilayah: w && w !== me.wilayah ? w : null })}
          fixed={me.wilayah}
          label={t('admin.audit.area')}
        />
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={draft.protectedReads}
            onChange={(e) => setDraft({ ...draft, protectedReads: e.target.checked })}
          />
          {t('admin.audit.onlyProtected')}
        </label>
        <div className="actions">
          <button type="submit">{t('admin.audit.apply')}</button>
          <button type="button" className="secondary" onClick={() => apply(EMPTY)}>
            {t('admin.audit.reset')}
          </button>
          <a role="button" className="secondary" href={auditExportUrl(filters)} download>
            {t('admin.audit.export')}
          </a>
        </div>
      </form>
      {applied.entityId && <p className="notice">{t('admin.audit.historyShown', { id: applied.entityId })}</p>}
      <QueryStatus query={events} isEmpty={(d) => d.items.length === 0} empty={<p>{t('admin.audit.none')}</p>}>
        {(d) => (
          <>
            <p className="muted">
              {t('common.total', { count: d.total })} ·{' '}
              {t('admin.audit.protectedCount', { count: d.items.filter((e) => e.protectedRead).length })}
            </p>
            <TableScroll>
              <table className="audit-table">
                <thead>
                  <tr>
                    <th>{t('admin.audit.when')}</th>
                    <th>{t('admin.audit.actor')}</th>
                    <th>{t('admin.audit.action')}</th>
                    <th>{t('admin.audit.record')}</th>
                    <th>{t('admin.audit.subject')}</th>
                    <th>{t('admin.audit.area')}</th>
                    <th>{t('admin.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((e) => (
                    <EventRow key={e.id} e={e} onRecord={(id) => apply({ ...EMPTY, entityId: id })} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager page={page} total={d.total} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import { syncNow, useSyncState } from '../api/sync.js';
import {
  blockedBy,
  discard,
  flushOutbox,
  keepMine,
  resend,
  useFlushing,
  useOutbox,
  useOutboxReadiness,
  type OutboxEntry,
} from '../api/outbox.js';
import { formatDateTime } from '../lib/format.js';
import { TableScroll } from '../components/TableScroll.js';

/**
 * A value as a person reads it: a list one item per line, a record's fields in a fixed order (the
 * device and the server may list them differently: that is no difference).
 */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(show).join('\n');
  if (typeof v === 'object')
    return Object.keys(v)
      .sort()
      .map((k) => show((v as Record<string, unknown>)[k]))
      .join(' · ');
  return String(v);
}

/** Field by field: what the user sent and what the server holds now; differing rows are marked. */
function ConflictView({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const current = entry.error?.current ?? {};
  // A stage move names the stage it goes to; the server's case names the stage it is in: one row.
  const mine: Record<string, unknown> =
    entry.kind === 'transition'
      ? { tahapan: t(`tahapan.${String(entry.body['to'])}` as 'tahapan.asesmen'), catatan: entry.body['catatan'] }
      : entry.body;
  const theirs: Record<string, unknown> =
    entry.kind === 'transition' ? { ...current, tahapan: t(`tahapan.${String(current['tahapan'])}` as 'tahapan.asesmen') } : current;
  const fields = Object.keys(mine).filter((k) => k !== 'version' && k !== 'id');
  return (
    <>
      <p className="warning">{t('luring.conflict.intro')}</p>
      <TableScroll>
        <table className="conflict">
          <thead>
            <tr>
              <th>{t('luring.conflict.field')}</th>
              <th>{t('luring.conflict.mine')}</th>
              <th>{t('luring.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((k) => {
              const differs = show(mine[k]) !== show(theirs[k]);
              return (
                <tr key={k} className={differs ? 'differs' : undefined}>
                  <th scope="row">{k}</th>
                  <td>{differs ? <mark>{show(mine[k])}</mark> : show(mine[k])}</td>
                  <td>{show(theirs[k])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {typeof current['version'] === 'number' && (
        <p className="muted">
          {t('luring.conflict.versions', { mine: entry.baseVersion ?? '—', theirs: current['version'] as number })}
          {typeof current['updatedAt'] === 'string' && ` · ${formatDateTime(current['updatedAt'], null)}`}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void keepMine(entry)}>
          {t('luring.conflict.keepMine')}
        </button>
        <button type="button" className="secondary" onClick={() => void discard(entry)}>
          {t('luring.conflict.takeTheirs')}
        </button>
      </div>
    </>
  );
}

/** A refused write stays editable: its text and number fields, then sent again. */
function RejectedView({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(entry.body);
  const editable = Object.entries(body).filter(
    ([k, v]) => k !== 'version' && k !== 'id' && (typeof v === 'string' || typeof v === 'number' || v === null),
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void resend(entry, body);
      }}
    >
      <p role="alert" className="error">
        {t('luring.rejected.intro')} {entry.error?.message}
      </p>
      {editable.map(([k, v]) => (
        <label key={k}>
          {k}
          <input
            value={v === null ? '' : String(v)}
            type={typeof entry.body[k] === 'number' ? 'number' : 'text'}
            onChange={(e) =>
              setBody({
                ...body,
                [k]:
                  typeof entry.body[k] === 'number'
                    ? Number(e.target.value)
                    : e.target.value === '' && entry.body[k] === null
                      ? null
                      : e.target.value,
              })
            }
          />
        </label>
      ))}
      <button type="submit">{t('luring.rejected.resend')}</button>
    </form>
  );
}

/** The outbox: every write not yet on the server, its state, and what the user can do about it. */
export default function OutboxPage() {
  const { t } = useTranslation();
  const entries = useOutbox();
  const flushing = useFlushing();
  const readiness = useOutboxReadiness();
  const me = useMe().data!;
  const queryClient = useQueryClient();
  const sync = useSyncState(me.id);
  return (
    <section>
      <h1>{t('luring.title')}</h1>
      <p>{t('luring.intro')}</p>
      {me.role === 'pendamping' && (
        <p>
          <span className="muted" data-testid="last-sync">
            {sync.at
              ? t('luring.lastSync', { time: formatDateTime(new Date(sync.at).toISOString(), me.wilayah) })
              : t('luring.neverSynced')}
          </span>{' '}
          <button
            type="button"
            className="secondary"
            aria-busy={sync.running}
            disabled={sync.running || !navigator.onLine}
            onClick={() => void syncNow(queryClient, me).catch(() => undefined)}
          >
            {sync.running ? t('luring.syncing') : t('luring.syncNow')}
          </button>
        </p>
      )}
      {entries.length === 0 ? (
        // "All sent" only when it is true: not before the outbox was read, nor while rows wait sealed.
        !readiness.loaded ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : readiness.sealed > 0 ? (
          <p className="notice" data-testid="outbox-sealed">
            {t('luring.sealedWaiting', { count: readiness.sealed })}
          </p>
        ) : (
          <p className="empty">{t('luring.empty')}</p>
        )
      ) : (
        <>
          <p>
            <button type="button" aria-busy={flushing} disabled={flushing || !navigator.onLine} onClick={() => void flushOutbox()}>
              {flushing ? t('luring.sending') : t('luring.sendNow')}
            </button>
          </p>
          {!navigator.onLine && <p className="muted">{t('luring.offlineNow')}</p>}
          {entries.map((entry) => (
            <article key={entry.seq} data-testid="outbox-entry" data-status={entry.status}>
              <header>
                <strong>{t(`luring.kinds.${entry.kind}`)}</strong> ·{' '}
                <mark className={`sync-state ${entry.status}`}>{t(`luring.status.${entry.status}`)}</mark>
                <br />
                <small className="muted">{t('luring.actedAt', { time: formatDateTime(entry.actedAt, null) })}</small>
                {typeof entry.body['uraian'] === 'string' && (
                  <>
                    <br />
                    <q>{entry.body['uraian']}</q>
                  </>
                )}
              </header>
              {entry.status === 'menunggu' && blockedBy(entry, entries) && <p className="muted">{t('luring.blocked')}</p>}
              {entry.status === 'konflik' && <ConflictView entry={entry} />}
              {entry.status === 'ditolak' && <RejectedView entry={entry} />}
              <button
                type="button"
                className="secondary outline"
                onClick={() => {
                  if (window.confirm(t('luring.discardConfirm'))) void discard(entry);
                }}
              >
                {t('luring.discard')}
              </button>
            </article>
          ))}
        </>
      )}
    </section>
  );
}

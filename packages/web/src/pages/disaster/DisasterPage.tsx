import type { DisasterRecord, StatusBencana } from '@tuntas/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDisaster, useMoveStatus, useStatusHistory } from '../../api/disaster-queries.js';
import { useMe } from '../../api/queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { AffectedPanel } from './AffectedPanel.js';
import { AidPanel } from './AidPanel.js';
import { DeploymentsPanel } from './DeploymentsPanel.js';
import { AreaNames, StatusChip } from './DisasterBits.js';
import { LdpPanel } from './LdpPanel.js';
import { SheltersPanel } from './SheltersPanel.js';
import { SitrepPanel } from './SitrepPanel.js';
import { TracingPanel } from './TracingPanel.js';

const TABS = ['situasi', 'posko', 'korban', 'penelusuran', 'ldp', 'bantuan', 'penugasan'] as const;
type Tab = (typeof TABS)[number];

/** The moves `tindakan.status` allows now, each with a note (the decree that set it). */
function StatusMoves({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const move = useMoveStatus(event.id);
  const [to, setTo] = useState<StatusBencana | ''>('');
  const [catatan, setCatatan] = useState('');
  if (event.tindakan.status.length === 0) return null;
  return (
    <details>
      <summary>{t('bencana.event.moveTitle')}</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!to) return;
          const note = catatan.trim();
          move.mutate({ status: to, ...(note ? { catatan: note } : {}) }, { onSuccess: () => (setTo(''), setCatatan('')) });
        }}
      >
        <label>
          {t('bencana.event.moveTo')}
          <select required value={to} onChange={(e) => setTo(e.target.value as StatusBencana)}>
            <option value="">—</option>
            {event.tindakan.status.map((s) => (
              <option key={s} value={s}>
                {t(`bencana.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bencana.event.note')}
          <input maxLength={2000} value={catatan} onChange={(e) => setCatatan(e.target.value)} />
        </label>
        <button type="submit" disabled={move.isPending || !to} aria-busy={move.isPending}>
          {t('bencana.event.move')}
        </button>
      </form>
      {move.isError && (
        <p role="alert" className="error">
          {move.error.message}
        </p>
      )}
      {move.isSuccess && <p role="status">{t('bencana.event.moved')}</p>}
    </details>
  );
}

function History({ id, wilayah }: { id: string; wilayah: string | null }) {
  const { t } = useTranslation();
  const history = useStatusHistory(id);
  if (!history.data || history.data.length === 0) return null;
  return (
    <details>
      <summary>{t('bencana.event.history')}</summary>
      <ol className="timeline">
        {history.data.map((h, i) => (
          <li key={`${h.pada}-${i}`}>
            <StatusChip status={h.status} /> <time dateTime={h.pada}>{formatDateTime(h.pada, wilayah)}</time> · {h.oleh}
            {h.catatan && <q>{h.catatan}</q>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function Body({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  // A pendamping in the field opens on the people to register; everyone else on the situation.
  const fallback: Tab = me.role === 'pendamping' && event.tindakan.catat ? 'korban' : 'situasi';
  const tab = (TABS as readonly string[]).includes(params.get('bagian') ?? '') ? (params.get('bagian') as Tab) : fallback;
  const area = event.wilayah[0] ?? null;
  const panels: Record<Tab, ReactNode> = {
    situasi: <SitrepPanel event={event} />,
    posko: <SheltersPanel event={event} />,
    korban: <AffectedPanel event={event} />,
    penelusuran: <TracingPanel event={event} />,
    ldp: <LdpPanel event={event} />,
    bantuan: <AidPanel event={event} />,
    penugasan: <DeploymentsPanel event={event} />,
  };
  return (
    <>
      <header className="event-header">
        <h1>
          {event.nama} <StatusChip status={event.status} />
        </h1>
        <p className="muted">
          {t(`bencana.jenis.${event.jenis}`)} ·{' '}
          {event.selesai
            ? t('bencana.until', { mulai: formatDate(event.mulai), selesai: formatDate(event.selesai) })
            : t('bencana.since', { date: formatDate(event.mulai) })}
          <br />
          {t('bencana.event.areas')}: <AreaNames codes={event.wilayah} max={6} />
        </p>
        {event.keterangan && <p>{event.keterangan}</p>}
        <StatusMoves event={event} />
        <History id={event.id} wilayah={area} />
        {!event.tindakan.catat && me.role === 'pendamping' && <p className="notice">{t('bencana.event.readOnly')}</p>}
      </header>
      <div role="tablist" className="tabs event-tabs" aria-label={event.nama}>
        {TABS.map((name, i) => (
          <button
            key={name}
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? '' : 'secondary outline'}
            onClick={() => setParams(name === fallback ? {} : { bagian: name }, { replace: true })}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(i + step + TABS.length) % TABS.length]!;
              setParams({ bagian: next }, { replace: true });
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t(`bencana.event.tabs.${name}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {panels[tab]}
      </section>
    </>
  );
}

/** Kejadian: the event's header, status and history, and its work in seven tabs. */
export default function DisasterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useDisaster(id);
  return (
    <section>
      <p>
        <Link to="/bencana">{t('bencana.event.back')}</Link>
      </p>
      <QueryStatus query={event} isEmpty={() => false} empty={null}>
        {(e) => <Body event={e} />}
      </QueryStatus>
    </section>
  );
}

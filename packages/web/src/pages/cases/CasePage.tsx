import { ppksByCode, TAHAPAN_CODES, type CaseEventRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useCaseView } from '../../api/local-records.js';
import { useCaseTimeline, useWilayah } from '../../api/queries.js';
import { SyncMark } from '../../components/SyncMark.js';
import { StatusBadge } from '../../components/CaseCard.js';
import { formatDateTime } from '../../lib/format.js';
import { CaseActions } from './CaseActions.js';
import { IdentityGate } from './IdentityGate.js';
import { CaseWorkTabs } from './work/CaseWorkTabs.js';
import { Loading } from '../../components/Loading.js';

function EventLine({ event, wilayah }: { event: CaseEventRecord; wilayah: string }) {
  const { t } = useTranslation();
  const data = (event.data ?? {}) as Record<string, unknown> & { alasan?: string };
  const what =
    event.jenis === 'tahapan'
      ? t('events.tahapan', { from: t(`tahapan.${event.dariTahapan}`), to: t(`tahapan.${event.keTahapan}`) })
      : event.jenis === 'ditutup'
        ? t('events.ditutup', { reason: t(`closeReason.${data.alasan}`) })
        : t(`events.${event.jenis}`, { defaultValue: event.jenis, ...data });
  return (
    <li>
      <time dateTime={event.at}>{formatDateTime(event.at, wilayah)}</time>
      <span>
        <strong>{what}</strong>
        {event.actorUsername && <span className="muted"> · {event.actorUsername}</span>}
      </span>
      {event.catatan && <q>{event.catatan}</q>}
    </li>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  // The server's case, or the one opened on this device, with the user's queued stage moves.
  const { query: kase, kase: c, created, moves } = useCaseView(id);
  const timeline = useCaseTimeline(id);
  const area = useWilayah(c?.wilayah);

  if (!c && kase.isPending) return <Loading query={kase} />;
  if (!c) {
    return (
      <section>
        <p role="alert">{kase.error instanceof ApiError && kase.error.status === 404 ? t('cases.notFound') : kase.error?.message}</p>
        <Link to="/kasus">{t('common.back')}</Link>
      </section>
    );
  }
  const current = TAHAPAN_CODES.indexOf(c.tahapan);
  return (
    <section>
      <p>
        <Link to="/kasus">← {t('nav.kasus')}</Link>
      </p>
      <h1>
        {c.identitasTerlindungi ? c.beneficiaryNama : <Link to={`/penerima-manfaat/${c.beneficiaryId}`}>{c.beneficiaryNama}</Link>}{' '}
        <StatusBadge status={c.status} />
        {c.sensitif && <mark>{t('beneficiaries.sensitive')}</mark>} {created && <SyncMark entry={created} />}
      </h1>
      <p className="muted">
        {c.nomor || t('luring.numberPending')} · {ppksByCode(c.ppks)?.nama} · {area.data?.nama ?? c.wilayah} · {t('cases.owner')}:{' '}
        {c.pendampingNama ?? t('cases.unassigned')}
      </p>
      {c.terlambat && c.batasTahapan && (
        <p className="notice late-notice">{t('cases.lateSince', { when: formatDateTime(c.batasTahapan, c.wilayah) })}</p>
      )}
      {c.ditutupAlasan && <p className="notice">{t('cases.closedBecause', { reason: t(`closeReason.${c.ditutupAlasan}`) })}</p>}
      {c.diverifikasiPada && <p className="notice ok">{t('cases.verifiedAt', { when: formatDateTime(c.diverifikasiPada, c.wilayah) })}</p>}
      <ol className="stepper" aria-label={t('cases.stages')}>
        {TAHAPAN_CODES.map((code, i) => (
          <li
            key={code}
            className={i < current ? 'done' : i === current ? 'current' : ''}
            aria-current={i === current ? 'step' : undefined}
          >
            {t(`tahapan.${code}`)}
          </li>
        ))}
      </ol>
      {moves.length > 0 && (
        <ul className="plain-list pending">
          {moves.map((m) => (
            <li key={m.seq} data-testid="pending-move">
              {t('luring.moveQueued', { stage: t(`tahapan.${String(m.body['to'])}`) })} <SyncMark entry={m} />
            </li>
          ))}
        </ul>
      )}
      {c.ringkasan && <p>{c.ringkasan}</p>}
      {c.identitasTerlindungi && <IdentityGate kase={c} />}
      <CaseActions kase={c} />
      {/* The working file of a protected person is specific data: closed until the identity opens. */}
      {!c.identitasTerlindungi && <CaseWorkTabs kase={c} />}
      <article>
        <header>
          <h2>{t('cases.timeline')}</h2>
        </header>
        {created ? (
          <p className="muted">{t('luring.timelineAfterSync')}</p>
        ) : timeline.isPending ? (
          <Loading query={timeline} />
        ) : timeline.isError ? (
          <p role="alert">{timeline.error.message}</p>
        ) : (
          <ol className="timeline">
            {timeline.data.map((e) => (
              <EventLine key={e.id} event={e} wilayah={c.wilayah} />
            ))}
          </ol>
        )}
      </article>
    </section>
  );
}

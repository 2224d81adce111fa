import { ppksByCode, type CaseRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { daysSince } from '../lib/format.js';

/** One case in a list: who, which problem, where in the seven stages, for how long. */
export function CaseCard({ kase, showPendamping = false }: { kase: CaseRecord; showPendamping?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={`/kasus/${kase.id}`} className="card-link">
      <strong>
        {kase.beneficiaryNama} <StatusBadge status={kase.status} />
        {kase.terlambat && <span className="badge late">{t('cases.late')}</span>}
      </strong>
      <span className="muted">
        {kase.nomor} · {ppksByCode(kase.ppks)?.nama ?? kase.ppks}
      </span>
      <span className="muted">
        {t(`tahapan.${kase.tahapan}`)} · {t('cases.inStageFor', { count: daysSince(kase.tahapanSejak) })}
        {showPendamping && kase.pendampingNama ? ` · ${kase.pendampingNama}` : ''}
      </span>
    </Link>
  );
}

export function StatusBadge({ status }: { status: CaseRecord['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function CaseCards({ cases, showPendamping = false }: { cases: CaseRecord[]; showPendamping?: boolean }) {
  return (
    <ul className="cards">
      {cases.map((c) => (
        <li key={c.id}>
          <CaseCard kase={c} showPendamping={showPendamping} />
        </li>
      ))}
    </ul>
  );
}

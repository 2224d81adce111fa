import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTasks } from '../api/casework-queries.js';
import { formatDate, formatDateTime, formatNumber } from '../lib/format.js';
import { TransferDecision } from '../pages/cases/work/TransferPanel.js';
import { TableScroll } from './TableScroll.js';

/**
 * Today's tasks: overdue stages, referrals waiting for an answer, follow-up visits due, plans
 * returned; for a koordinator also the plans and transfers to decide and who is behind.
 */
/** Each list shows its oldest few; the full inboxes are on Persetujuan and the case list. */
const SHOWN = 8;

export function TasksCard() {
  const { t } = useTranslation();
  const tasks = useTasks();
  if (!tasks.data) return null;
  const d = tasks.data;
  const empty =
    d.tahapanTerlambat +
      d.batasHukum.length +
      d.asesmenBerisiko.length +
      d.rujukanMenunggu.length +
      d.bimbinganJatuhTempo.length +
      d.rencanaDikembalikan.length +
      d.rencanaMenunggu.length +
      d.pengalihanMenunggu.length +
      d.perPendamping.length ===
    0;
  return (
    <article className="tasks">
      <header>
        <h2>{t('kasus.tugas.title')}</h2>
      </header>
      {empty && <p>{t('kasus.tugas.nothing')}</p>}
      {d.tahapanTerlambat > 0 && (
        <p className="notice late-notice">
          <Link to="/kasus?terlambat=1">
            {t('kasus.tugas.lateStages', { count: d.tahapanTerlambat, formatted: formatNumber(d.tahapanTerlambat) })} →
          </Link>
        </p>
      )}
      {d.batasHukum.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.legal')} ({formatNumber(d.batasHukum.length)})
          </h3>
          <ul>
            {d.batasHukum.slice(0, SHOWN).map((b) => (
              <li key={`${b.caseId}-${b.kode}`} className={b.terlambat ? 'late-notice' : undefined}>
                <Link to={`/kasus/${b.caseId}`}>{b.nomor}</Link> · {t(`kasus.tugas.legalKode.${b.kode}`)} ·{' '}
                <strong>
                  {t(b.terlambat ? 'kasus.tugas.legalLate' : 'kasus.tugas.legalDue', { when: formatDateTime(b.batas, null) })}
                </strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.asesmenBerisiko.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.riskyAssessments')} ({formatNumber(d.asesmenBerisiko.length)})
          </h3>
          <ul>
            {d.asesmenBerisiko.slice(0, SHOWN).map((a) => (
              <li key={a.caseId} className="late-notice">
                <Link to={`/kasus/${a.caseId}`}>{a.nomor}</Link> ·{' '}
                {a.tandaKekerasan ? t('kasus.tugas.violenceSigns') : t('kasus.tugas.highRisk')} ·{' '}
                <span className="muted">{formatDateTime(a.dicatatPada, null)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.rencanaMenunggu.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.waitingPlans')} ({formatNumber(d.rencanaMenunggu.length)})
          </h3>
          <ul>
            {d.rencanaMenunggu.slice(0, SHOWN).map((p) => (
              <li key={p.caseId}>
                <Link to={`/kasus/${p.caseId}`}>{p.nomor}</Link> · {p.beneficiaryNama} ·{' '}
                <span className="muted">
                  {p.pendampingNama} · {formatDateTime(p.diajukanPada, null)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.pengalihanMenunggu.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.transfers')} ({formatNumber(d.pengalihanMenunggu.length)})
          </h3>
          <ul>
            {d.pengalihanMenunggu.slice(0, SHOWN).map((x) => (
              <li key={x.id}>
                {t('kasus.pengalihan.line', { nomor: x.nomor, from: x.dariPendamping ?? '—', to: x.kePendamping })} —{' '}
                <span className="muted">{x.alasan}</span>
                <TransferDecision caseId={x.caseId} transfer={x} withdraw={false} />
              </li>
            ))}
          </ul>
        </>
      )}
      {d.rencanaDikembalikan.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.returnedPlans')} ({formatNumber(d.rencanaDikembalikan.length)})
          </h3>
          <ul>
            {d.rencanaDikembalikan.slice(0, SHOWN).map((p) => (
              <li key={p.caseId}>
                <Link to={`/kasus/${p.caseId}`}>{p.nomor}</Link> {p.komentar && <q>{p.komentar}</q>}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.rujukanMenunggu.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.referrals')} ({formatNumber(d.rujukanMenunggu.length)})
          </h3>
          <ul>
            {d.rujukanMenunggu.slice(0, SHOWN).map((r) => (
              <li key={r.id}>
                <Link to={`/kasus/${r.caseId}`}>{r.nomor}</Link> · {r.lembagaNama} · {t(`kasus.rujukan.status.${r.status}`)}
                {r.terlambat && <mark className="late">{t('cases.late')}</mark>}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.bimbinganJatuhTempo.length > 0 && (
        <>
          <h3>
            {t('kasus.tugas.followups')} ({formatNumber(d.bimbinganJatuhTempo.length)})
          </h3>
          <ul>
            {d.bimbinganJatuhTempo.slice(0, SHOWN).map((f) => (
              <li key={f.id}>
                <Link to={`/kasus/${f.caseId}`}>{f.nomor}</Link> · {formatDate(f.jadwal)}{' '}
                {f.terlambat && <mark className="late">{t('cases.late')}</mark>}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.perPendamping.length > 0 && (
        <>
          <h3>{t('kasus.tugas.perPendamping')}</h3>
          <TableScroll>
            <table>
              <thead>
                <tr>
                  <th>{t('cases.owner')}</th>
                  <th>{t('kasus.tugas.colStages')}</th>
                  <th>{t('kasus.tugas.colReferrals')}</th>
                  <th>{t('kasus.tugas.colFollowups')}</th>
                </tr>
              </thead>
              <tbody>
                {d.perPendamping.slice(0, 20).map((p) => (
                  <tr key={p.pendampingId}>
                    <td>
                      <Link to={`/kasus?pendampingId=${p.pendampingId}&terlambat=1`}>{p.nama}</Link>
                    </td>
                    <td>{formatNumber(p.tahapan)}</td>
                    <td>{formatNumber(p.rujukan)}</td>
                    <td>{formatNumber(p.bimbingan)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </article>
  );
}

import type { TrainingRecord } from '@tuntas/domain';
import { ClipboardCheck, ScanLine } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { useCompleteTraining, useDevelopmentHours, useMyCertificates, useParticipants, useTrainings } from '../../api/training-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate, workerToday } from '../../lib/format.js';
import { CheckinQr } from './CheckinQr.js';
import { InvitationReply } from './InvitationReply.js';
import { EvaluationPanel } from './EvaluationPanel.js';
import { InvitePanel } from './InvitePanel.js';
import { ProgrammesPanel } from './ProgrammesPanel.js';
import { TeamGaps } from './TeamGaps.js';
import { TestBankEditor } from './TestBankEditor.js';
import { TestResultsPanel } from './TestResultsPanel.js';

const thisYear = () => new Date().getFullYear();

function Dates({ t: training }: { t: TrainingRecord }) {
  const { t } = useTranslation();
  return <>{t('pelatihan.dates', { mulai: formatDate(training.mulai), selesai: formatDate(training.selesai) })}</>;
}

/**
 * One event: dates, place, units; for the organiser the participants and the complete button. A
 * participant checks in only by scanning the session's QR code (HadirPage), so there is no button here.
 */
function TrainingCard({
  training,
  organiser,
  pendamping,
  selfId,
}: {
  training: TrainingRecord;
  organiser: boolean;
  pendamping: boolean;
  selfId: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const participants = useParticipants(training.id, open);
  const complete = useCompleteTraining(training.id);
  const mine = participants.data?.find((p) => p.userId === selfId);
  // From the event's last day at the venue, as the server allows.
  const canComplete =
    organiser &&
    (training.status === 'menunggu_penetapan' || (training.status === 'berlangsung' && workerToday(training.wilayah) >= training.selesai));
  const scanToCheckIn = !organiser && training.status === 'berlangsung';
  return (
    <article>
      <header>
        <strong>{training.nama}</strong> <mark>{t(`pelatihan.status.${training.status}`)}</mark>
        <br />
        <small>
          <Dates t={training} /> · {training.tempat} · {t('pelatihan.jp', { jp: training.jp })}
        </small>
      </header>
      <ul className="plain-list">
        {training.units.map((u) => (
          <li key={u.kode}>
            {u.nama}{' '}
            <small className="muted">
              ({t('pelatihan.jp', { jp: u.jp })}
              {u.tanggal ? `, ${formatDate(u.tanggal)}` : ''})
            </small>{' '}
            {mine?.hadir.includes(u.kode) && <small> {t('pelatihan.checkedIn')}</small>}
          </li>
        ))}
      </ul>
      {training.narasumber.length > 0 && (
        <p>
          <small>
            {t('pelatihan.trainers')}: {training.narasumber.map((n) => (n.instansi ? `${n.nama} (${n.instansi})` : n.nama)).join('; ')}
          </small>
        </p>
      )}
      {!organiser && <InvitationReply training={training} />}
      {organiser && training.status !== 'selesai' && <InvitePanel training={training} />}
      {organiser && training.status === 'berlangsung' && <CheckinQr training={training} />}
      {organiser && (training.status === 'akan_datang' || training.status === 'berlangsung') && <TestBankEditor training={training} />}
      {(training.statusSaya === 'diundang' || training.statusSaya === 'terdaftar') &&
        training.status !== 'selesai' &&
        training.tes.length > 0 && (
          <p>
            {training.tes.map((x) => (
              <Link key={x.jenis} role="button" className="secondary" to={`/pelatihan/tes/${training.id}/${x.jenis}`}>
                <ClipboardCheck size={16} aria-hidden /> {t(`pelatihan.tesTake.${x.jenis}`)}
              </Link>
            ))}
          </p>
        )}
      {!pendamping && training.tes.length > 0 && <TestResultsPanel training={training} />}
      {training.status !== 'akan_datang' && (organiser || training.statusSaya === 'terdaftar') && (
        <EvaluationPanel training={training} organiser={organiser} />
      )}
      {organiser && (
        <p>
          <a href={`/api/v1/trainings/${training.id}/export`} download>
            {t('pelatihan.exportXlsx')}
          </a>
        </p>
      )}
      {scanToCheckIn && (
        <p className="muted">
          <ScanLine size={16} aria-hidden /> {t('pelatihan.scanHint')}
        </p>
      )}
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('pelatihan.participants', { count: training.jumlahPeserta })}</summary>
        {open && (
          <QueryStatus query={participants} isEmpty={(d) => d.length === 0} empty={<p>{t('pelatihan.noParticipants')}</p>}>
            {(rows) => (
              <ul className="plain-list">
                {rows.map((p) => (
                  <li key={p.userId}>
                    <strong>{p.nama}</strong> <small>{p.wilayah}</small>{' '}
                    {p.status !== 'terdaftar' && <mark>{t(`pelatihan.participantStatus.${p.status}`)}</mark>} ·{' '}
                    {t('pelatihan.attended', { n: p.hadir.length, total: training.units.length })}
                    {p.terlambat.length > 0 && ` (${p.terlambat.length} ${t('pelatihan.late')})`}
                    {p.nilaiPost !== null && ` · ${t('pelatihan.postTest', { nilai: p.nilaiPost })}`}
                    {p.sertifikat && (
                      <>
                        {' '}
                        · <small>{t('pelatihan.certificate', { nomor: p.sertifikat })}</small>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </QueryStatus>
        )}
      </details>
      {/* The outcome stays once the event, refreshed, is selesai and the button gone. */}
      {(canComplete || complete.data) && (
        <footer>
          {canComplete && (
            <button disabled={complete.isPending} aria-busy={complete.isPending} onClick={() => complete.mutate()}>
              {t('pelatihan.complete')}
            </button>
          )}
          {complete.data && (
            <p role="status">
              {t('pelatihan.completed', { issued: complete.data.certificates.length, failed: complete.data.notQualified.length })}
            </p>
          )}
          {complete.error && (
            <p role="alert" className="error">
              {complete.error.message}
            </p>
          )}
        </footer>
      )}
    </article>
  );
}

function MyCertificates() {
  const { t } = useTranslation();
  const certs = useMyCertificates();
  return (
    <>
      <h2>{t('pelatihan.certificates')}</h2>
      <QueryStatus query={certs} isEmpty={(d) => d.length === 0} empty={<p>{t('pelatihan.noCertificates')}</p>}>
        {(rows) => (
          <ul className="plain-list">
            {rows.map((c) => (
              <li key={c.nomor}>
                <strong>{c.pelatihan}</strong> · {t('pelatihan.jp', { jp: c.jp })} · <small>{c.nomor}</small>{' '}
                {c.valid ? (
                  <a href={`/api/v1/certificates/${encodeURIComponent(c.nomor)}/pdf`} download>
                    {t('pelatihan.download')}
                  </a>
                ) : (
                  <mark>{t('pelatihan.revoked')}</mark>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </>
  );
}

/** JP this year against the target: one's own for a pendamping, the area's for others. */
function Hours({ selfId, own }: { selfId: string; own: boolean }) {
  const { t } = useTranslation();
  const year = thisYear();
  const hours = useDevelopmentHours(year);
  if (!hours.data) return null;
  const d = hours.data;
  const me = d.items.find((i) => i.userId === selfId);
  return (
    <>
      <h2>{t('pelatihan.hours', { year })}</h2>
      <p>
        {own && me
          ? t('pelatihan.hoursMine', { jp: me.jp, target: d.target })
          : t('pelatihan.hoursTeam', { reached: d.items.filter((i) => i.tercapai).length, total: d.items.length, target: d.target })}
        <br />
        <small className="muted">{d.dasar}</small>
      </p>
    </>
  );
}

/**
 * Pelatihan: a pendamping's own trainings and certificates; the team's events and gaps (who still needs
 * what) for a koordinator; programmes, all events with completion, exports and the matrix for the direktorat.
 */
export default function PelatihanPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const trainings = useTrainings();
  const organiser = (me.role === 'direktorat' || me.role === 'admin') && me.wilayah === null;
  const pendamping = me.role === 'pendamping';
  return (
    <section>
      <h1>{pendamping ? t('pelatihan.mine') : t('pelatihan.title')}</h1>
      {!organiser && <Hours selfId={me.id} own={pendamping} />}
      {pendamping && <MyCertificates />}
      {organiser && <ProgrammesPanel />}
      <h2>{pendamping || organiser ? t('pelatihan.events') : t('pelatihan.teamEvents')}</h2>
      <QueryStatus query={trainings} isEmpty={(d) => d.length === 0} empty={<p>{t('pelatihan.none')}</p>}>
        {(rows) => rows.map((r) => <TrainingCard key={r.id} training={r} organiser={organiser} pendamping={pendamping} selfId={me.id} />)}
      </QueryStatus>
      {!pendamping && <TeamGaps />}
      {organiser && <Hours selfId={me.id} own={false} />}
    </section>
  );
}

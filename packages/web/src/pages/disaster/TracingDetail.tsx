import type { DisasterRecord, TracingCandidate, TracingRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useConfirmMatch, useTracing, useTracingMatches } from '../../api/disaster-tracing-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDate } from '../../lib/format.js';
import { TracingLine } from './TracingLine.js';
import { TracingLinkAffected } from './TracingLinkAffected.js';
import { CloseTracingForm, ReunificationForm } from './TracingOutcomeForms.js';

/** Why a candidate scored as it did, in words (the name's similarity as a percentage). */
function Reasons({ candidate }: { candidate: TracingCandidate }) {
  const { t } = useTranslation();
  return (
    <small>
      {candidate.alasan
        .map((a) =>
          t(`bencana.penelusuran.alasan.${a.kode}`, {
            persen: Math.round((a.nilai ?? 0) * 100),
            selisih: a.nilai ?? 0,
          }),
        )
        .join(' · ')}
    </small>
  );
}

/** Open records of the other direction that may be this person, each confirmable by whom may see both. */
function Candidates({ event, record }: { event: DisasterRecord; record: TracingRecord }) {
  const { t } = useTranslation();
  const matches = useTracingMatches(event.id, record.id, record.status === 'terbuka');
  const confirm = useConfirmMatch(event.id, record.id);
  return (
    <section aria-labelledby="tracing-candidates">
      <h4 id="tracing-candidates">{t('bencana.penelusuran.candidates')}</h4>
      {record.tindakan.ubah && <p className="muted">{t('bencana.penelusuran.confirmHint')}</p>}
      <QueryStatus query={matches} isEmpty={(d) => d.length === 0} empty={<p>{t('bencana.penelusuran.noCandidates')}</p>}>
        {(list) => (
          <ul className="plain-list">
            {list.map((c) => (
              <li key={c.record.id} data-testid="tracing-candidate">
                <mark className="ok-mark">{t('bencana.penelusuran.score', { persen: Math.round(c.skor * 100) })}</mark>{' '}
                <TracingLine record={c.record} />
                <br />
                <Reasons candidate={c} />
                <div>
                  {record.tindakan.ubah && c.record.tindakan.ubah ? (
                    <button
                      type="button"
                      className="secondary small"
                      disabled={confirm.isPending}
                      aria-busy={confirm.isPending}
                      onClick={() => confirm.mutate({ pasanganId: c.record.id })}
                    >
                      {t('bencana.penelusuran.confirm')}
                    </button>
                  ) : (
                    record.tindakan.ubah && <small className="muted">{t('bencana.penelusuran.cannotAct')}</small>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {confirm.isError && (
        <p role="alert" className="error">
          {confirm.error.message}
        </p>
      )}
    </section>
  );
}

/** The record it was matched with, as the caller may see it. */
function Partner({ event, id }: { event: DisasterRecord; id: string }) {
  const { t } = useTranslation();
  const partner = useTracing(event.id, id);
  if (!partner.data) return null;
  return (
    <p data-testid="tracing-partner">
      {t('bencana.penelusuran.pasangan', { nama: partner.data.nama ?? t('bencana.penelusuran.unnamed') })}
    </p>
  );
}

/**
 * One tracing record opened: who it is about (masked as the server masks it), who seeks them,
 * then what can happen next — candidates to confirm while open, the reunification once matched,
 * closing an open one — only when `tindakan.ubah` says the caller may.
 */
export function TracingDetail({ event, id, onBack }: { event: DisasterRecord; id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const one = useTracing(event.id, id);
  return (
    <article data-testid="tracing-detail">
      <button type="button" className="secondary outline small" onClick={onBack}>
        {t('bencana.penelusuran.back')}
      </button>
      <QueryStatus query={one} isEmpty={() => false} empty={null}>
        {(r) => (
          <>
            <p>
              <TracingLine record={r} />
            </p>
            {r.identitasTerlindungi && <p className="notice">{t('bencana.penelusuran.masked')}</p>}
            {r.ciriCiri && <p>{r.ciriCiri}</p>}
            {r.pelapor && (
              <p>
                {t('bencana.penelusuran.pelaporLine', {
                  nama: r.pelapor.nama,
                  hubungan: t(`bencana.penelusuran.hubungan.${r.pelapor.hubungan}`),
                })}
                {r.pelapor.kontak && <> · {r.pelapor.kontak}</>}
              </p>
            )}
            <p className="muted">
              <small>{t('bencana.penelusuran.recordedBy', { oleh: r.dicatatOleh })}</small>
            </p>
            {r.pasanganId && <Partner event={event} id={r.pasanganId} />}
            {r.affectedId && <p data-testid="tracing-linked">{t('bencana.penelusuran.linked')}</p>}
            {r.arah === 'ditemukan' && r.affectedId === null && r.status !== 'ditutup' && r.tindakan.ubah && (
              <TracingLinkAffected event={event} record={r} />
            )}
            {r.status === 'terbuka' && <Candidates event={event} record={r} />}
            {r.status === 'cocok' && r.tindakan.ubah && <ReunificationForm event={event} record={r} />}
            {r.penyatuan && (
              <p role="status" data-testid="tracing-reunified">
                {t('bencana.penelusuran.reunified', {
                  tanggal: formatDate(r.penyatuan.tanggal),
                  tempat: r.penyatuan.tempat,
                  kepada: r.penyatuan.diserahkanKepada,
                })}
              </p>
            )}
            {r.alasanTutup && (
              <p>
                {t('bencana.penelusuran.closed', { alasan: t(`bencana.penelusuran.alasanTutup.${r.alasanTutup}`) })}
                {r.catatanTutup && <> · {r.catatanTutup}</>}
              </p>
            )}
            {r.status === 'terbuka' && r.tindakan.ubah && <CloseTracingForm event={event} record={r} />}
          </>
        )}
      </QueryStatus>
    </article>
  );
}

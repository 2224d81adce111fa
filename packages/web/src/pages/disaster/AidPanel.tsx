import type { DisasterRecord, JenisBantuan } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAid } from '../../api/disaster-tracing-queries.js';
import { useOutbox } from '../../api/outbox.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { SyncMark } from '../../components/SyncMark.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { formatRupiah } from '../../lib/rupiah.js';
import { AidForm } from './AidForm.js';

const PAGE_SIZE = 50;

/** Bantuan: what reached whom — the totals of the event, each hand-over with its BAST, and the form to record one. */
export function AidPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const list = useAid(event.id, page, PAGE_SIZE);
  const waiting = useOutbox().filter((e) => e.kind === 'aid' && e.ref.disasterId === event.id);
  return (
    <>
      <h2>{t('bencana.bantuan.title')}</h2>
      {message && <p role="status">{message}</p>}
      {event.tindakan.catat &&
        (adding ? (
          <article>
            <AidForm
              event={event}
              onDone={(text) => {
                setAdding(false);
                setMessage(text);
              }}
            />
            <button type="button" className="secondary outline" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </article>
        ) : (
          <button type="button" onClick={() => (setAdding(true), setMessage(null))}>
            {t('bencana.bantuan.add')}
          </button>
        ))}
      {waiting.length > 0 && (
        <ul className="plain-list">
          {waiting.map((e) => (
            <li key={e.seq} data-testid="aid-pending">
              {t(`bencana.bantuan.jenis.${String(e.body['jenis']) as JenisBantuan}`)} · BAST {String(e.body['nomorBast'] ?? '')}{' '}
              <SyncMark entry={e} />
              {e.error && (
                <>
                  <br />
                  <small className="error">{e.error.message}</small>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <QueryStatus query={list} isEmpty={(d) => d.items.length === 0} empty={<p>{t('bencana.bantuan.none')}</p>}>
        {(d) => (
          <>
            <p className="muted" data-testid="aid-summary">
              {t('bencana.bantuan.summary', {
                penyaluran: formatNumber(d.total),
                penerima: formatNumber(d.penerima),
                nilai: formatRupiah(d.nilaiRupiah),
              })}
            </p>
            <ul className="plain-list">
              {d.items.map((g) => (
                <li key={g.id} data-testid="aid">
                  <strong>{g.keluargaId ? t('bencana.bantuan.household', { nama: g.penerima }) : g.penerima}</strong> ·{' '}
                  {t(`bencana.bantuan.jenis.${g.jenis}`)} · {formatRupiah(g.nilaiRupiah)}
                  <br />
                  <small>
                    {g.uraian}
                    {(g.jumlah > 1 || g.satuan) && ` · ${formatNumber(g.jumlah)} ${g.satuan ?? ''}`.trimEnd()}
                  </small>
                  <br />
                  <small className="muted">
                    {t('bencana.bantuan.bastLine', { nomor: g.nomorBast, tanggal: formatDate(g.tanggal), oleh: g.diserahkanOleh })}
                  </small>
                </li>
              ))}
            </ul>
            <Pager page={page} total={d.total} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryStatus>
    </>
  );
}

import { ATENSI_LAYANAN, type CaseRecord } from '@tuntas/domain';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseworkWrites, useAttachments, useCaseWrite, useServices } from '../../../api/casework-queries.js';
import { useOutbox } from '../../../api/outbox.js';
import { addAttachment, deleteAttachment, useQueuedFiles } from '../../../api/photo-writes.js';
import { QueuedPhoto } from '../../../components/QueuedPhoto.js';
import { SyncMark } from '../../../components/SyncMark.js';
import { formatDate, formatNumber, workerToday } from '../../../lib/format.js';

function ServiceForm({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const blank = {
    jenis: 'layanan' as 'layanan' | 'catatan',
    atensi: '',
    tanggal: workerToday(kase.wilayah),
    tempat: '',
    pelaksana: '',
    uraian: '',
  };
  const [d, setD] = useState(blank);
  // Through the outbox: without a signal the note is kept on the device and shown as waiting.
  const save = useCaseWrite(
    kase.id,
    'services',
    () =>
      caseworkWrites.service(kase.id, {
        ...d,
        atensi: d.jenis === 'layanan' ? d.atensi : null,
        tempat: d.tempat || null,
        pelaksana: d.pelaksana || null,
      }),
    () => setD(blank),
  );
  return (
    <details>
      <summary>{t('kasus.layanan.add')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <fieldset>
          <legend>{t('kasus.layanan.kind')}</legend>
          {(['layanan', 'catatan'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="jenis" checked={d.jenis === k} onChange={() => setD({ ...d, jenis: k })} />
              {t(`kasus.layanan.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        {d.jenis === 'layanan' && (
          <label>
            {t('kasus.layanan.atensi')}
            <select required value={d.atensi} onChange={(e) => setD({ ...d, atensi: e.target.value })}>
              <option value="">{t('kasus.common.choose')}</option>
              {ATENSI_LAYANAN.map((a) => (
                <option key={a.kode} value={a.kode}>
                  {a.nama}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="grid">
          <label>
            {t('kasus.layanan.date')}
            <input
              type="date"
              required
              max={workerToday(kase.wilayah)}
              value={d.tanggal}
              onChange={(e) => setD({ ...d, tanggal: e.target.value })}
            />
          </label>
          <label>
            {t('kasus.layanan.place')}
            <input value={d.tempat} onChange={(e) => setD({ ...d, tempat: e.target.value })} />
          </label>
          <label>
            {t('kasus.layanan.provider')}
            <input value={d.pelaksana} onChange={(e) => setD({ ...d, pelaksana: e.target.value })} />
          </label>
        </div>
        <label>
          {t('kasus.layanan.description')}
          <textarea required rows={2} value={d.uraian} onChange={(e) => setD({ ...d, uraian: e.target.value })} />
        </label>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          {t('kasus.layanan.submit')}
        </button>
        {save.isError && (
          <p role="alert" className="error">
            {save.error.message}
          </p>
        )}
      </form>
    </details>
  );
}

function Attachments({ kase, works }: { kase: CaseRecord; works: boolean }) {
  const { t } = useTranslation();
  const list = useAttachments(kase.id);
  const input = useRef<HTMLInputElement>(null);
  const [keterangan, setKeterangan] = useState('');
  // Through the outbox: without a signal the shrunk photo waits on the device, after the case's earlier writes.
  const upload = useCaseWrite(
    kase.id,
    'attachments',
    (file: File) => addAttachment(kase.id, file, keterangan),
    () => setKeterangan(''),
  );
  const remove = useCaseWrite(kase.id, 'attachments', deleteAttachment);
  const queued = useQueuedFiles('attachment', { caseId: kase.id });
  return (
    <div>
      <h3>{t('kasus.tabs.lampiran')}</h3>
      {queued.length > 0 && (
        <ul>
          {queued.map((e) => (
            <li key={e.seq} data-testid="pending-attachment">
              <QueuedPhoto entry={e} alt={String(e.body['nama'])} /> {String(e.body['nama'])}{' '}
              <small className="muted">
                ({formatNumber(Math.round(Number(e.body['ukuran']) / 1024))} KB
                {e.body['keterangan'] ? ` · ${String(e.body['keterangan'])}` : ''})
              </small>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.length > 0 ? (
        <ul>
          {list.data.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/attachments/${a.id}`}>{a.nama}</a>{' '}
              <small className="muted">
                ({formatNumber(Math.round(a.ukuran / 1024))} KB{a.keterangan ? ` · ${a.keterangan}` : ''})
              </small>{' '}
              {works && (
                <button className="secondary outline" disabled={remove.isPending} onClick={() => remove.mutate(a.id)}>
                  {t('kasus.lampiran.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        queued.length === 0 && <p className="muted">{t('kasus.common.none')}</p>
      )}
      {works && (
        <>
          <label>
            {t('kasus.lampiran.note')}
            <input value={keterangan} onChange={(e) => setKeterangan(e.target.value)} maxLength={500} />
          </label>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            hidden
            onChange={(e) => {
              if (e.target.files?.[0]) upload.mutate(e.target.files[0]);
              // The same file may be picked again after a refusal.
              e.target.value = '';
            }}
          />
          <button className="secondary" aria-busy={upload.isPending} disabled={upload.isPending} onClick={() => input.current?.click()}>
            {upload.isPending ? t('kasus.lampiran.uploading') : t('kasus.lampiran.add')}
          </button>
          {upload.isError && (
            <p role="alert" className="error">
              {upload.error.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** Services delivered and case notes, newest first, with the case's attachments. */
export function ServicesPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const services = useServices(kase.id);
  const works = kase.tindakan.ubah && kase.status !== 'ditutup';
  const pending = useOutbox().filter((e) => e.kind === 'service' && e.ref.caseId === kase.id);
  return (
    <div>
      {works && <ServiceForm kase={kase} />}
      {pending.length > 0 && (
        <ul className="timeline pending">
          {pending.map((e) => (
            <li key={e.seq} data-testid="pending-service">
              <time dateTime={String(e.body['tanggal'])}>{formatDate(String(e.body['tanggal']))}</time>
              <span>
                <strong>
                  {e.body['jenis'] === 'layanan'
                    ? ATENSI_LAYANAN.find((a) => a.kode === e.body['atensi'])?.nama
                    : t('kasus.layanan.kinds.catatan')}
                </strong>{' '}
                <SyncMark entry={e} />
              </span>
              <q>{String(e.body['uraian'])}</q>
            </li>
          ))}
        </ul>
      )}
      {services.data && services.data.length > 0 ? (
        <ul className="timeline">
          {services.data.map((s) => (
            <li key={s.id}>
              <time dateTime={s.tanggal}>{formatDate(s.tanggal)}</time>
              <span>
                <strong>
                  {s.jenis === 'layanan' ? ATENSI_LAYANAN.find((a) => a.kode === s.atensi)?.nama : t('kasus.layanan.kinds.catatan')}
                </strong>
                {s.tempat && <span className="muted"> · {s.tempat}</span>}
                {s.pelaksana && <span className="muted"> · {s.pelaksana}</span>}
              </span>
              <q>{s.uraian}</q>
            </li>
          ))}
        </ul>
      ) : (
        pending.length === 0 && <p className="muted">{t('kasus.common.none')}</p>
      )}
      <Attachments kase={kase} works={works} />
    </div>
  );
}

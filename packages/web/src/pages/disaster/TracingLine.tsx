import type { StatusPenelusuran, TracingRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.js';

/** The case colours say the same: open (recorded), matched (in hand), reunited (resolved), closed. */
const COLOUR: Record<StatusPenelusuran, string> = {
  terbuka: 'status-terdata',
  cocok: 'status-tertangani',
  dipersatukan: 'status-terselesaikan',
  ditutup: 'status-ditutup',
};

export function TracingStatus({ status }: { status: StatusPenelusuran }) {
  const { t } = useTranslation();
  return <span className={`badge ${COLOUR[status]}`}>{t(`bencana.penelusuran.status.${status}`)}</span>;
}

/**
 * Who a tracing record is about, as the server gave it: a protected child arrives as initials,
 * sex and age only, and shows as that with the mark.
 */
export function TracingLine({ record }: { record: TracingRecord }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{record.nama ?? t('bencana.penelusuran.unnamed')}</strong> <small>{record.jenisKelamin}</small>
      {record.umur !== null && <small> · {t('bencana.korban.age', { count: record.umur })}</small>} <TracingStatus status={record.status} />
      {record.identitasTerlindungi && <mark>{t('bencana.korban.protected')}</mark>}
      <br />
      <small className="muted">
        {[
          t(`bencana.penelusuran.arah.${record.arah}`),
          t(`bencana.penelusuran.jenis.${record.jenis}`),
          formatDate(record.tanggal),
          record.tempat,
        ]
          .filter(Boolean)
          .join(' · ')}
      </small>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useVerification } from '../../api/training-queries.js';
import { formatDate } from '../../lib/format.js';

/** Public: what a certificate's QR code opens. Only what the server answers: valid or revoked, name, training, dates, JP. */
export default function VerifikasiPage() {
  const { t } = useTranslation();
  const { nomor = '' } = useParams();
  const check = useVerification(nomor);
  return (
    <main className="container">
      <h1>{t('pelatihan.verifyTitle')}</h1>
      <p>
        <code>{nomor}</code>
      </p>
      {check.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {check.isError && (
        <p role="alert" className="error">
          {t('pelatihan.verifyUnknown')}
        </p>
      )}
      {check.data && (
        <article>
          <h2>{check.data.valid ? `✓ ${t('pelatihan.verifyValid')}` : `✗ ${t('pelatihan.verifyRevoked')}`}</h2>
          <dl>
            <dt>{t('pelatihan.verifyName')}</dt>
            <dd>{check.data.nama}</dd>
            <dt>{t('pelatihan.verifyTraining')}</dt>
            <dd>{check.data.pelatihan}</dd>
            <dt>{t('pelatihan.verifyDates')}</dt>
            <dd>{t('pelatihan.dates', { mulai: formatDate(check.data.mulai), selesai: formatDate(check.data.selesai) })}</dd>
            <dt>{t('pelatihan.verifyJp')}</dt>
            <dd>{t('pelatihan.jp', { jp: check.data.jp })}</dd>
          </dl>
        </article>
      )}
    </main>
  );
}

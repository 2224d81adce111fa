import { useTranslation } from 'react-i18next';
import { dataSubjectReportUrl, useLegalHolds, usePlaceHold } from '../../api/privacy-queries.js';
import { ReasonForm } from './ReasonForm.js';

/**
 * On a person's page, for those who answer for their data (koordinator, direktorat, admin): whether
 * the person is held from anonymisation, a hold placed with a reference, and — for the area's
 * koordinator, who answers access requests — the data-subject report.
 */
export function PersonPrivacySection({ beneficiaryId, role }: { beneficiaryId: string; role: string }) {
  const { t } = useTranslation();
  const holds = useLegalHolds(false);
  const place = usePlaceHold({ kind: 'beneficiaries', id: beneficiaryId });
  const held = holds.data?.some((h) => h.beneficiaryId === beneficiaryId) ?? false;
  return (
    <article>
      <header>
        <h2>{t('privasi.section')}</h2>
      </header>
      {held ? (
        <p role="status">
          <mark>{t('privasi.inForce')}</mark> {t('privasi.personHeld')}
        </p>
      ) : (
        <ReasonForm
          opener={t('privasi.place')}
          label={t('privasi.reason')}
          submit={t('privasi.placeSubmit')}
          action={place.mutateAsync}
          pending={place.isPending}
          error={place.error}
        />
      )}
      {place.isSuccess && <p role="status">{t('privasi.placed')}</p>}
      {role === 'koordinator' && (
        <p>
          <a href={dataSubjectReportUrl(beneficiaryId)} download>
            {t('privasi.subjectReport')}
          </a>
          <br />
          <small className="muted">{t('privasi.subjectReportHint')}</small>
        </p>
      )}
    </article>
  );
}

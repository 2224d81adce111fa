import { IMPORT_ROW_MESSAGES } from '@tuntas/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryImportResult } from '../../api/spreadsheet-upload.js';
import { SpreadsheetImport } from '../../components/SpreadsheetImport.js';
import { formatNumber } from '../../lib/format.js';

export default function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <section>
      <h1>{t('importPage.title')}</h1>
      <p>{t('importPage.intro')}</p>
      <p>
        <small>{t('importPage.introWithoutNik')}</small>
      </p>
      <SpreadsheetImport<BeneficiaryImportResult>
        url="/api/v1/imports/beneficiaries"
        background
        messages={IMPORT_ROW_MESSAGES}
        stored={(r) => t('importPage.stored', { inserted: formatNumber(r.inserted), updated: formatNumber(r.updated) })}
        onStored={() => void queryClient.invalidateQueries({ queryKey: ['beneficiaries'] })}
      />
    </section>
  );
}

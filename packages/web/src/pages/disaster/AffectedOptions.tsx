import { KONDISI_KORBAN, type ShelterRecord } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';

/** The choices of an affected person's condition, for the registration and the edit form alike. */
export function KondisiOptions() {
  const { t } = useTranslation();
  return (
    <>
      {KONDISI_KORBAN.map((k) => (
        <option key={k} value={k}>
          {t(`bencana.kondisi.${k}`)}
        </option>
      ))}
    </>
  );
}

/** The event's shelters, after "not in a shelter" (an empty value). */
export function ShelterOptions({ shelters }: { shelters: readonly ShelterRecord[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('bencana.korban.noShelter')}</option>
      {shelters.map((s) => (
        <option key={s.id} value={s.id}>
          {s.nama}
        </option>
      ))}
    </>
  );
}

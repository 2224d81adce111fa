import { useTranslation } from 'react-i18next';
import { useWilayahChildren } from '../../api/queries.js';

/** A national user picks the province whose reference data to see; '' is the national level alone. */
export function ProvinceSelect({ value, onChange }: { value: string; onChange: (kode: string) => void }) {
  const { t } = useTranslation();
  const provinces = useWilayahChildren(null);
  return (
    <label>
      {t('wilayah.province')}
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-busy={provinces.isPending}>
        <option value="">{t('referensi.lembaga.nationalOnly')}</option>
        {provinces.data?.map((p) => (
          <option key={p.kode} value={p.kode}>
            {p.nama}
          </option>
        ))}
      </select>
    </label>
  );
}

import { KOMPETENSI_PPKS } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useCompetencies } from '../../api/training-queries.js';

/**
 * At assignment (issue 22): whether the chosen pendamping has the competency the chosen cases'
 * categories ask (ABH → perlindungan anak, NAPZA, KPO…), from the area's competency matrix.
 */
export function NeededCompetencies({ pendampingId, ppks }: { pendampingId: string; ppks: string[] }) {
  const { t } = useTranslation();
  const needed = [...new Set(ppks.flatMap((p) => (KOMPETENSI_PPKS[p] ? [KOMPETENSI_PPKS[p]] : [])))];
  const matrix = useCompetencies(needed.length > 0);
  if (needed.length === 0 || !matrix.data) return null;
  const row = matrix.data.pendamping.find((p) => p.userId === pendampingId);
  const names = new Map(matrix.data.kompetensi.map((k) => [k.kode, k.nama]));
  return (
    <ul className="plain-list" aria-label={t('pelatihan.neededTitle')}>
      {needed.map((kode) => {
        const level = row?.kompetensi.find((c) => c.kode === kode)?.level ?? 0;
        return (
          <li key={kode}>
            {level === 0 ? (
              <mark>{t('pelatihan.neededMissing', { nama: names.get(kode) ?? kode })}</mark>
            ) : (
              t('pelatihan.neededHas', { nama: names.get(kode) ?? kode, level: t(`pelatihan.level${level}`) })
            )}
          </li>
        );
      })}
    </ul>
  );
}

import { useTranslation } from 'react-i18next';
import { useCompetencies } from '../../api/training-queries.js';

/**
 * Gaps of the caller's area (a koordinator's team, the direktorat's nation): per competency how
 * many are still at level 0, and who — "who still needs X" — to invite to the next event; the
 * whole matrix as a spreadsheet.
 */
export function TeamGaps() {
  const { t } = useTranslation();
  const matrix = useCompetencies();
  if (!matrix.data || matrix.data.pendamping.length === 0) return null;
  const { kompetensi, kesenjangan, pendamping } = matrix.data;
  const names = new Map(kompetensi.map((k) => [k.kode, k.nama]));
  const lacking = (kode: string) => pendamping.filter((p) => p.kompetensi.find((c) => c.kode === kode)?.level === 0);
  return (
    <>
      <h2>{t('pelatihan.gaps')}</h2>
      <ul className="plain-list">
        {[...kesenjangan]
          .sort((a, b) => b.belum - a.belum)
          .map((g) => (
            <li key={g.kode}>
              {g.belum === 0 ? (
                t('pelatihan.gapRow', { nama: names.get(g.kode) ?? g.kode, belum: g.belum, jumlah: g.jumlah })
              ) : (
                <details>
                  <summary>{t('pelatihan.gapRow', { nama: names.get(g.kode) ?? g.kode, belum: g.belum, jumlah: g.jumlah })}</summary>
                  <p className="muted">{t('pelatihan.gapWho', { nama: names.get(g.kode) ?? g.kode })}</p>
                  <ul>
                    {lacking(g.kode).map((p) => (
                      <li key={p.userId}>
                        {p.nama} <small className="muted">{p.wilayah}</small>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
      </ul>
      <p>
        <a href="/api/v1/competencies/export" download>
          {t('pelatihan.matrixExport')}
        </a>
      </p>
    </>
  );
}

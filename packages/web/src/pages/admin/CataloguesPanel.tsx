import { ASSESSMENT_FORM_VERSION, assessmentForm, ATENSI_LAYANAN, PPKS, TAHAPAN } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll.js';

/** The catalogues every screen uses, as views: they change only with a regulation, by a release. */
export function CataloguesPanel() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="katalog">
      <h2 id="katalog">{t('referensi.katalog.title')}</h2>
      <p>{t('referensi.katalog.intro')}</p>
      <details>
        <summary>{t('referensi.katalog.ppks', { count: PPKS.length })}</summary>
        <TableScroll>
          <table>
            <caption>{t('referensi.katalog.ppksCaption')}</caption>
            <thead>
              <tr>
                <th>{t('referensi.katalog.code')}</th>
                <th>{t('referensi.katalog.name')}</th>
                <th>{t('referensi.katalog.cluster')}</th>
                <th>{t('referensi.katalog.specific')}</th>
              </tr>
            </thead>
            <tbody>
              {PPKS.map((p) => (
                <tr key={p.kode}>
                  <td>{p.kode}</td>
                  <td>
                    {p.nama} ({p.singkatan})
                  </td>
                  <td>{p.klasterAtensi.replace(/_/g, ' ')}</td>
                  <td>{p.dataSpesifik ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <details>
        <summary>{t('referensi.katalog.tahapan', { count: TAHAPAN.length })}</summary>
        <ol>
          {TAHAPAN.map((s) => (
            <li key={s.kode}>
              {s.nama}
              {s.subTahapan.length > 0 && <small className="muted"> — {s.subTahapan.join(', ')}</small>}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary>{t('referensi.katalog.forms', { versi: ASSESSMENT_FORM_VERSION })}</summary>
        <p className="muted">{t('referensi.katalog.formsNote')}</p>
        <TableScroll>
          <table>
            <caption>{t('referensi.katalog.formsCaption')}</caption>
            <thead>
              <tr>
                <th>{t('referensi.katalog.ppksCaption')}</th>
                <th>{t('referensi.katalog.form')}</th>
                <th>{t('referensi.katalog.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {PPKS.map((p) => {
                const form = assessmentForm(p.kode);
                return (
                  <tr key={p.kode}>
                    <td>
                      {p.kode} {p.singkatan}
                    </td>
                    <td>
                      {form.judul}{' '}
                      <small className="muted">
                        ({form.kode}, v{form.versi})
                      </small>
                    </td>
                    <td>{form.layout.reduce((n, section) => n + section.fields.length, 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <details>
        <summary>{t('referensi.katalog.atensi', { count: ATENSI_LAYANAN.length })}</summary>
        <ul>
          {ATENSI_LAYANAN.map((a) => (
            <li key={a.kode}>{a.nama}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}

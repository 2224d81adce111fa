import { TAHAPAN_CODES } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { useMe, usePpks, useWilayahChildren } from '../../api/queries.js';
import { useCaseload } from '../../api/workforce-queries.js';

/** The office's filters over its area's cases, kept in the URL: area, pendamping, category, stage, unassigned. */
export function CaseFilters({ params, update }: { params: URLSearchParams; update: (next: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const areas = useWilayahChildren(me.wilayah);
  const ppks = usePpks();
  const load = useCaseload();
  const set = (key: string) => (e: { target: { value: string } }) => update({ [key]: e.target.value, hal: '' });
  return (
    <fieldset className="case-filters">
      <legend>{t('kasus.daftar.filters')}</legend>
      <label>
        {t('kasus.daftar.area')}
        <select value={params.get('wilayah') ?? ''} onChange={set('wilayah')}>
          <option value="">{t('kasus.daftar.allAreas')}</option>
          {areas.data?.map((a) => (
            <option key={a.kode} value={a.kode}>
              {a.nama}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('kasus.daftar.pendamping')}
        <select value={params.get('pendampingId') ?? ''} onChange={set('pendampingId')}>
          <option value="">{t('kasus.daftar.allPendamping')}</option>
          {load.data?.items.map((p) => (
            <option key={p.pendampingId} value={p.pendampingId}>
              {p.nama ?? p.username}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('kasus.daftar.ppks')}
        <select value={params.get('ppks') ?? ''} onChange={set('ppks')}>
          <option value="">{t('kasus.daftar.allPpks')}</option>
          {ppks.data?.map((p) => (
            <option key={p.kode} value={p.kode}>
              {p.kode} {p.nama}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('kasus.daftar.tahapan')}
        <select value={params.get('tahapan') ?? ''} onChange={set('tahapan')}>
          <option value="">{t('kasus.daftar.allTahapan')}</option>
          {TAHAPAN_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`tahapan.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={params.get('tanpa') === '1'}
          onChange={(e) => update({ tanpa: e.target.checked ? '1' : '', hal: '' })}
        />
        {t('kasus.daftar.unassigned')}
      </label>
    </fieldset>
  );
}

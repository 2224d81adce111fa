import { LEMBAGA_JENIS, type LembagaJenis } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddLembaga, useDirectory, type NewLembaga } from '../../api/reference-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { ProvinceSelect } from './ProvinceSelect.js';
import { TableScroll } from '../../components/TableScroll.js';

const blank = (wilayah: string | null): NewLembaga => ({
  nama: '',
  jenis: 'dinas_sosial',
  wilayah,
  alamat: null,
  telepon: null,
  batasHari: 7,
});

function AddLembaga({ wilayah, onDone }: { wilayah: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddLembaga();
  const [d, setD] = useState(blank(wilayah));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ ...d, alamat: d.alamat?.trim() || null, telepon: d.telepon?.trim() || null }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label={t('referensi.lembaga.add')}>
      <label>
        {t('referensi.lembaga.name')}
        <input required maxLength={200} value={d.nama} onChange={(e) => setD({ ...d, nama: e.target.value })} />
      </label>
      <div className="grid">
        <label>
          {t('referensi.lembaga.kind')}
          <select value={d.jenis} onChange={(e) => setD({ ...d, jenis: e.target.value as LembagaJenis })}>
            {LEMBAGA_JENIS.map((j) => (
              <option key={j} value={j}>
                {t(`kasus.rujukan.jenis.${j}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('referensi.lembaga.answerDays')}
          <input
            type="number"
            required
            min={1}
            max={90}
            inputMode="numeric"
            value={d.batasHari}
            onChange={(e) => setD({ ...d, batasHari: Number(e.target.value) })}
          />
        </label>
      </div>
      <div className="grid">
        <label>
          {t('referensi.lembaga.address')}
          <input maxLength={500} value={d.alamat ?? ''} onChange={(e) => setD({ ...d, alamat: e.target.value })} />
        </label>
        <label>
          {t('referensi.lembaga.phone')}
          <input type="tel" maxLength={50} value={d.telepon ?? ''} onChange={(e) => setD({ ...d, telepon: e.target.value })} />
        </label>
      </div>
      {add.isError && (
        <p role="alert" className="error">
          {add.error.message}
        </p>
      )}
      <button type="submit" aria-busy={add.isPending} disabled={add.isPending}>
        {t('referensi.lembaga.save')}
      </button>
    </form>
  );
}

/**
 * The referral directory per province: national institutions and the province's own, with their
 * kind, address, contact and agreed answer days. Adding is for the area's koordinator or admin.
 */
export function DirectoryPanel({ myWilayah, canAdd }: { myWilayah: string | null; canAdd: boolean }) {
  const { t } = useTranslation();
  const [provinsi, setProvinsi] = useState(myWilayah?.slice(0, 2) ?? '');
  const directory = useDirectory(provinsi);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="direktori-rujukan">
      <h2 id="direktori-rujukan">{t('referensi.lembaga.title')}</h2>
      <p>{t('referensi.lembaga.intro')}</p>
      {myWilayah === null && <ProvinceSelect value={provinsi} onChange={setProvinsi} />}
      <QueryStatus query={directory} isEmpty={(rows) => rows.length === 0} empty={<p>{t('referensi.lembaga.empty')}</p>}>
        {(rows) => (
          <TableScroll label={t('referensi.lembaga.title')}>
            <table>
              <caption>{t('referensi.lembaga.title')}</caption>
              <thead>
                <tr>
                  <th>{t('referensi.lembaga.name')}</th>
                  <th>{t('referensi.lembaga.kind')}</th>
                  <th>{t('referensi.lembaga.contact')}</th>
                  <th>{t('referensi.lembaga.answerDays')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((l) => (
                  <tr key={l.id}>
                    <td>
                      {l.nama}
                      <br />
                      <small className="muted">{l.wilayah ?? t('referensi.lembaga.national')}</small>
                    </td>
                    <td>{t(`kasus.rujukan.jenis.${l.jenis}`)}</td>
                    <td>{[l.alamat, l.telepon].filter(Boolean).join(' · ') || '—'}</td>
                    <td>{t('referensi.target.daysValue', { count: l.batasHari })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryStatus>
      {canAdd && !adding && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setSaved(false);
            setAdding(true);
          }}
        >
          {t('referensi.lembaga.add')}
        </button>
      )}
      {adding && (
        <AddLembaga
          wilayah={myWilayah === null ? provinsi || null : myWilayah}
          onDone={() => {
            setAdding(false);
            setSaved(true);
          }}
        />
      )}
      {saved && <p role="status">{t('referensi.kalender.saved')}</p>}
    </section>
  );
}

import { PPKS, TAHAPAN, type StageTarget, type TahapanCode } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetStageTarget, useStageTargets } from '../../api/reference-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { TableScroll } from '../../components/TableScroll.js';

const tahapanNama = (kode: TahapanCode) => TAHAPAN.find((t) => t.kode === kode)?.nama ?? kode;
const ppksNama = (kode: string) => {
  const p = PPKS.find((x) => x.kode === kode);
  return p ? `${p.kode} ${p.nama}` : kode;
};

function TargetForm({ initial, onDone }: { initial: StageTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSetStageTarget();
  const [d, setD] = useState({ ...initial, hari: String(initial.hari) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ tahapan: d.tahapan, ppks: d.ppks, hari: Number(d.hari) }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label={t('referensi.target.form')}>
      <div className="grid">
        <label>
          {t('referensi.target.stage')}
          <select value={d.tahapan} onChange={(e) => setD({ ...d, tahapan: e.target.value as TahapanCode })}>
            {TAHAPAN.map((s) => (
              <option key={s.kode} value={s.kode}>
                {s.nama}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('referensi.target.category')}
          <select value={d.ppks ?? ''} onChange={(e) => setD({ ...d, ppks: e.target.value || null })}>
            <option value="">{t('referensi.target.allCategories')}</option>
            {PPKS.map((p) => (
              <option key={p.kode} value={p.kode}>
                {p.kode} {p.nama}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('referensi.target.days')}
          <input
            type="number"
            required
            min={1}
            max={3650}
            inputMode="numeric"
            value={d.hari}
            onChange={(e) => setD({ ...d, hari: e.target.value })}
          />
        </label>
      </div>
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        {t('referensi.target.save')}
      </button>
    </form>
  );
}

/** Target days per stage that decide when a case is late: a default per stage, and per-category exceptions. */
export function StageTargetsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const targets = useStageTargets();
  const [editing, setEditing] = useState<StageTarget | null>(null);
  const [saved, setSaved] = useState(false);
  const open = (target: StageTarget) => {
    setSaved(false);
    setEditing(target);
  };
  return (
    <section aria-labelledby="target-tahapan">
      <h2 id="target-tahapan">{t('referensi.target.title')}</h2>
      <p>{t('referensi.target.intro')}</p>
      <QueryStatus query={targets} isEmpty={() => false} empty={null}>
        {(rows) => (
          <TableScroll>
            <table>
              <caption>{t('referensi.target.title')}</caption>
              <thead>
                <tr>
                  <th>{t('referensi.target.stage')}</th>
                  <th>{t('referensi.target.category')}</th>
                  <th>{t('referensi.target.days')}</th>
                  {canEdit && <th>{t('referensi.kalender.edit')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.tahapan}-${r.ppks ?? '*'}`} data-target={`${r.tahapan}:${r.ppks ?? '*'}`}>
                    <td>{tahapanNama(r.tahapan)}</td>
                    <td>{r.ppks ? ppksNama(r.ppks) : t('referensi.target.allCategories')}</td>
                    <td>{t('referensi.target.daysValue', { count: r.hari })}</td>
                    {canEdit && (
                      <td>
                        <button type="button" className="secondary outline small" onClick={() => open(r)}>
                          {t('referensi.kalender.edit')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryStatus>
      {canEdit && !editing && (
        <button type="button" className="secondary" onClick={() => open({ tahapan: 'pendekatan_awal', ppks: null, hari: 14 })}>
          {t('referensi.target.add')}
        </button>
      )}
      {editing && (
        <TargetForm
          key={`${editing.tahapan}-${editing.ppks ?? '*'}`}
          initial={editing}
          onDone={() => {
            setEditing(null);
            setSaved(true);
          }}
        />
      )}
      {saved && <p role="status">{t('referensi.kalender.saved')}</p>}
    </section>
  );
}

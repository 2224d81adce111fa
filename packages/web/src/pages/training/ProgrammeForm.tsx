import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useCompetencies } from '../../api/training-queries.js';
import { useCreateProgramme } from '../../api/training-programme-queries.js';
import { FieldError, RequiredMark } from '../../components/FieldError.js';
import { useFormErrors, type ServerFieldError } from '../../lib/use-form-errors.js';

interface UnitDraft {
  kode: string;
  nama: string;
  jp: string;
  kompetensi: string[];
  tujuan: string;
}

const blankUnit = (): UnitDraft => ({ kode: '', nama: '', jp: '', kompetensi: [], tujuan: '' });

/** The direktorat writes a new programme: its code, name, description and curriculum units. */
export function ProgrammeForm() {
  const { t } = useTranslation();
  const create = useCreateProgramme();
  const matrix = useCompetencies();
  const [head, setHead] = useState({ kode: '', nama: '', uraian: '' });
  const [units, setUnits] = useState<UnitDraft[]>([blankUnit()]);
  const details = create.error instanceof ApiError && Array.isArray(create.error.details) ? create.error.details : [];
  const form = useFormErrors(details as ServerFieldError[]);
  const setUnit = (i: number, patch: Partial<UnitDraft>) => setUnits(units.map((u, k) => (k === i ? { ...u, ...patch } : u)));
  const send = () =>
    create.mutate({
      kode: head.kode.trim(),
      nama: head.nama.trim(),
      uraian: head.uraian.trim(),
      units: units.map((u) => ({
        kode: u.kode.trim(),
        nama: u.nama.trim(),
        jp: Number(u.jp),
        kompetensi: u.kompetensi,
        tujuan: u.tujuan
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      })),
    });
  if (create.data) return <p role="status">{t('pelatihan.programSaved', { nama: create.data.nama })}</p>;
  const input = (name: string, label: string, value: string, onChange: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      {extra.required ? <RequiredMark /> : null}
      <input
        value={value}
        onChange={(e) => {
          form.clear(name);
          onChange(e.target.value);
        }}
        {...extra}
        {...form.field(name)}
      />
      <FieldError name={name} message={form.errors[name]} />
    </label>
  );
  return (
    <details>
      <summary>{t('pelatihan.programNew')}</summary>
      <form ref={form.formRef} noValidate onSubmit={form.onSubmit(send)} aria-label={t('pelatihan.programNew')}>
        <p className="required-legend">{t('forms.requiredLegend')}</p>
        <div className="grid">
          {input('kode', t('pelatihan.programCode'), head.kode, (kode) => setHead({ ...head, kode }), {
            required: true,
            pattern: '[a-z0-9_\\-]{2,40}',
          })}
          {input('nama', t('pelatihan.programName'), head.nama, (nama) => setHead({ ...head, nama }), { required: true, minLength: 3 })}
        </div>
        <label>
          {t('pelatihan.programDescription')}
          <textarea rows={2} maxLength={2000} value={head.uraian} onChange={(e) => setHead({ ...head, uraian: e.target.value })} />
        </label>
        {units.map((u, i) => (
          <fieldset key={i}>
            <legend>{t('pelatihan.programUnit', { n: i + 1 })}</legend>
            <div className="grid">
              {input(`units/${i}/kode`, t('pelatihan.programCode'), u.kode, (kode) => setUnit(i, { kode }), {
                required: true,
                pattern: '[a-z0-9_\\-]{1,40}',
              })}
              {input(`units/${i}/nama`, t('pelatihan.programUnitName'), u.nama, (nama) => setUnit(i, { nama }), {
                required: true,
                minLength: 3,
              })}
              {input(`units/${i}/jp`, 'JP', u.jp, (jp) => setUnit(i, { jp }), { required: true, type: 'number', min: 1, max: 200 })}
            </div>
            <label>
              {t('pelatihan.programCompetencies')}
              <select
                multiple
                size={4}
                value={u.kompetensi}
                onChange={(e) => setUnit(i, { kompetensi: [...e.target.selectedOptions].map((o) => o.value) })}
                {...form.field(`units/${i}/kompetensi`)}
              >
                {matrix.data?.kompetensi.map((k) => (
                  <option key={k.kode} value={k.kode}>
                    {k.nama}
                  </option>
                ))}
              </select>
              <FieldError name={`units/${i}/kompetensi`} message={form.errors[`units/${i}/kompetensi`]} />
            </label>
            <label>
              {t('pelatihan.programObjectivesInput')}
              <textarea rows={2} value={u.tujuan} onChange={(e) => setUnit(i, { tujuan: e.target.value })} />
            </label>
            {units.length > 1 && (
              <button type="button" className="secondary outline" onClick={() => setUnits(units.filter((_, k) => k !== i))}>
                {t('pelatihan.programUnitRemove', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <div role="group">
          <button type="button" className="secondary" onClick={() => setUnits([...units, blankUnit()])} disabled={units.length >= 30}>
            {t('pelatihan.programUnitAdd')}
          </button>
          <button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
            {t('pelatihan.programSave')}
          </button>
        </div>
        {create.error && (
          <p role="alert" className="error">
            {create.error.message}
          </p>
        )}
      </form>
    </details>
  );
}

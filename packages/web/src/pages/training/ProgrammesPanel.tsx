import type { TrainingProgramme } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useWilayahChildren } from '../../api/queries.js';
import { useCompetencies } from '../../api/training-queries.js';
import { useCreateFromProgramme, useProgrammes } from '../../api/training-programme-queries.js';
import { FieldError, RequiredMark } from '../../components/FieldError.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { TableScroll } from '../../components/TableScroll.js';
import { ProgrammeForm } from './ProgrammeForm.js';
import { useFormErrors, type ServerFieldError } from '../../lib/use-form-errors.js';

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** "Nama; Instansi" one a line → the trainers of the event. */
export function parseNarasumber(text: string): Array<{ nama: string; instansi: string | null }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [nama = '', ...rest] = l.split(';');
      return { nama: nama.trim(), instansi: rest.join(';').trim() || null };
    });
}

/** The organiser creates an event from a programme: its units copied, each given a day, with the trainers. */
function FromProgrammeForm({ programme }: { programme: TrainingProgramme }) {
  const { t } = useTranslation();
  const create = useCreateFromProgramme(programme.id);
  const provinces = useWilayahChildren(null);
  const [v, setV] = useState({
    nama: programme.nama,
    mulai: '',
    selesai: '',
    tempat: '',
    provinsi: '',
    kota: '',
    kuota: '',
    narasumber: '',
  });
  const [days, setDays] = useState<Record<string, string>>({});
  const [times, setTimes] = useState<Record<string, string>>({});
  const cities = useWilayahChildren(v.provinsi || null);
  const details = create.error instanceof ApiError && Array.isArray(create.error.details) ? create.error.details : [];
  const form = useFormErrors(details as ServerFieldError[]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => {
    form.clear(k);
    setV({ ...v, [k]: e.target.value });
  };
  // By default one unit a day from the start, the rest on the last day.
  const dayOf = (kode: string, i: number) => {
    if (days[kode] !== undefined) return days[kode];
    if (!v.mulai) return '';
    const day = addDays(v.mulai, i);
    return v.selesai && day > v.selesai ? v.selesai : day;
  };
  const send = () =>
    create.mutate({
      nama: v.nama.trim(),
      mulai: v.mulai,
      selesai: v.selesai,
      tempat: v.tempat.trim(),
      wilayah: v.kota || v.provinsi,
      kuota: v.kuota ? Number(v.kuota) : null,
      jadwal: programme.units.map((u, i) => ({ kode: u.kode, tanggal: dayOf(u.kode, i) || null, jamMulai: times[u.kode] || null })),
      narasumber: parseNarasumber(v.narasumber),
    });
  if (create.data) return <p role="status">{t('pelatihan.programCreated', { nama: create.data.nama })}</p>;
  const text = (k: 'nama' | 'tempat', label: string) => (
    <label>
      {label}
      <RequiredMark />
      <input required minLength={k === 'nama' ? 3 : 2} value={v[k]} onChange={set(k)} {...form.field(k)} />
      <FieldError name={k} message={form.errors[k]} />
    </label>
  );
  const date = (k: 'mulai' | 'selesai', label: string) => (
    <label>
      {label}
      <RequiredMark />
      <input type="date" required value={v[k]} onChange={set(k)} {...form.field(k)} />
      <FieldError name={k} message={form.errors[k]} />
    </label>
  );
  return (
    <form ref={form.formRef} noValidate onSubmit={form.onSubmit(send)} aria-label={t('pelatihan.programCreate')}>
      <p className="required-legend">{t('forms.requiredLegend')}</p>
      {text('nama', t('pelatihan.programEventName'))}
      <div className="grid">
        {date('mulai', t('pelatihan.programStart'))}
        {date('selesai', t('pelatihan.programEnd'))}
      </div>
      {text('tempat', t('pelatihan.programVenue'))}
      <div className="grid">
        <label>
          {t('wilayah.province')}
          <RequiredMark />
          <select required value={v.provinsi} onChange={set('provinsi')} {...form.field('wilayah')}>
            <option value="">{t('pelatihan.programChoose')}</option>
            {provinces.data?.map((p) => (
              <option key={p.kode} value={p.kode}>
                {p.nama}
              </option>
            ))}
          </select>
          <FieldError name="wilayah" message={form.errors.wilayah} />
        </label>
        <label>
          {t('wilayah.regency')}
          <select value={v.kota} onChange={set('kota')} disabled={!v.provinsi}>
            <option value="">{t('pelatihan.programWholeProvince')}</option>
            {cities.data?.map((c) => (
              <option key={c.kode} value={c.kode}>
                {c.nama}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('pelatihan.programQuota')}
        <input type="number" min={1} max={10000} inputMode="numeric" value={v.kuota} onChange={set('kuota')} {...form.field('kuota')} />
        <FieldError name="kuota" message={form.errors.kuota} />
      </label>
      <fieldset>
        <legend>{t('pelatihan.programSchedule')}</legend>
        {programme.units.map((u, i) => (
          <div className="grid" key={u.kode}>
            <label>
              {u.nama}
              <input
                type="date"
                value={dayOf(u.kode, i)}
                min={v.mulai || undefined}
                max={v.selesai || undefined}
                onChange={(e) => setDays({ ...days, [u.kode]: e.target.value })}
                {...form.field(`units/${i}/tanggal`)}
              />
              <FieldError name={`units/${i}/tanggal`} message={form.errors[`units/${i}/tanggal`]} />
            </label>
            <label>
              {t('pelatihan.programStartTime', { nama: u.nama })}
              <input type="time" value={times[u.kode] ?? ''} onChange={(e) => setTimes({ ...times, [u.kode]: e.target.value })} />
            </label>
          </div>
        ))}
      </fieldset>
      <label>
        {t('pelatihan.programTrainers')}
        <textarea rows={3} value={v.narasumber} onChange={set('narasumber')} {...form.field('narasumber')} />
        <small className="muted">{t('pelatihan.programTrainersHint')}</small>
      </label>
      <button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
        {t('pelatihan.programCreate')}
      </button>
      {create.error && (
        <p role="alert" className="error">
          {create.error.message}
        </p>
      )}
    </form>
  );
}

function Programme({ programme, names }: { programme: TrainingProgramme; names: Map<string, string> }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <details>
      <summary>
        {programme.nama} <small className="muted">({t('pelatihan.jp', { jp: programme.jp })})</small>
      </summary>
      {programme.uraian && <p>{programme.uraian}</p>}
      <p className="muted">{t('pelatihan.programEvents', { count: programme.jumlahPelatihan })}</p>
      <TableScroll label={t('pelatihan.programCurriculum', { nama: programme.nama })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('pelatihan.tesUnit')}</th>
              <th scope="col">JP</th>
              <th scope="col">{t('pelatihan.programCompetencies')}</th>
              <th scope="col">{t('pelatihan.programObjectives')}</th>
            </tr>
          </thead>
          <tbody>
            {programme.units.map((u) => (
              <tr key={u.kode}>
                <td>{u.nama}</td>
                <td>{u.jp}</td>
                <td>{u.kompetensi.map((k) => names.get(k) ?? k).join(', ')}</td>
                <td>{u.tujuan.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {creating ? (
        <FromProgrammeForm programme={programme} />
      ) : (
        <button className="secondary" onClick={() => setCreating(true)}>
          {t('pelatihan.programCreateFrom')}
        </button>
      )}
    </details>
  );
}

/** The direktorat's programmes, each a reusable curriculum from which an event is created. */
export function ProgrammesPanel() {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const matrix = useCompetencies();
  const names = new Map((matrix.data?.kompetensi ?? []).map((k) => [k.kode, k.nama]));
  return (
    <>
      <h2>{t('pelatihan.programs')}</h2>
      <QueryStatus query={programmes} isEmpty={(d) => d.length === 0} empty={<p>{t('pelatihan.programNone')}</p>}>
        {(rows) => rows.map((p) => <Programme key={p.id} programme={p} names={names} />)}
      </QueryStatus>
      <ProgrammeForm />
    </>
  );
}

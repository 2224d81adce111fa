import { ATENSI_LAYANAN, type CaseRecord, type PlanServiceRow, type PlanView } from '@tuntas/domain';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../../components/TableScroll.js';
import { caseworkCalls, caseworkWrites, useCaseWrite } from '../../../api/casework-queries.js';
import { usePlanView } from '../../../api/local-casework.js';
import { SyncMark } from '../../../components/SyncMark.js';
import { formatDate } from '../../../lib/format.js';
import { Loading } from '../../../components/Loading.js';
import { FieldError, RequiredMark } from '../../../components/FieldError.js';
import { useFormErrors } from '../../../lib/use-form-errors.js';

const emptyService = (): PlanServiceRow => ({ atensi: '', uraian: '', pelaksana: '', batas: '' });
const atensiName = (kode: string) => ATENSI_LAYANAN.find((l) => l.kode === kode)?.nama ?? kode;

function PlanEditor({ kase, plan, onDone }: { kase: CaseRecord; plan: PlanView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [tujuan, setTujuan] = useState(plan?.tujuan.join('\n') ?? '');
  const [layanan, setLayanan] = useState<PlanServiceRow[]>(plan?.layanan ?? [emptyService()]);
  // Field work: through the outbox, based on the plan as the device shows it.
  const save = useCaseWrite(
    kase.id,
    'plan',
    () =>
      caseworkWrites.plan(
        kase.id,
        {
          tujuan: tujuan
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
          layanan,
        },
        plan?.version,
      ),
    onDone,
  );
  const form = useFormErrors();
  const idBase = useId();
  const set = (i: number, patch: Partial<PlanServiceRow>) => {
    for (const k of Object.keys(patch)) form.clear(`layanan.${i}.${k}`);
    setLayanan(layanan.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  };
  /**
   * One control of a row: labelled beside (not around) it, so a list's options do not become part
   * of its name; marked required, its message under it.
   */
  const cell = (
    i: number,
    key: keyof PlanServiceRow,
    label: string,
    control: (props: ReturnType<typeof form.field> & { id: string }) => ReactNode,
  ) => {
    const name = `layanan.${i}.${key}`;
    return (
      <div className="field">
        <label htmlFor={`${idBase}-${name}`}>
          {label}
          <RequiredMark />
        </label>
        {control({ ...form.field(name), id: `${idBase}-${name}` })}
        <FieldError name={name} message={form.errors[name]} />
      </div>
    );
  };
  return (
    <form ref={form.formRef} noValidate onSubmit={form.onSubmit(() => save.mutate(undefined))}>
      <p className="required-legend">{t('forms.requiredLegend')}</p>
      <div className="field">
        <label>
          {t('kasus.rencana.goals')}
          <RequiredMark />
          <textarea
            required
            rows={3}
            value={tujuan}
            onChange={(e) => {
              form.clear('tujuan');
              setTujuan(e.target.value);
            }}
            {...form.field('tujuan')}
          />
        </label>
        <FieldError name="tujuan" message={form.errors.tujuan} />
      </div>
      <fieldset>
        <legend>{t('kasus.rencana.services')}</legend>
        {layanan.map((l, i) => (
          <fieldset key={i} className="plan-row">
            <legend>{t('kasus.rencana.row', { n: i + 1 })}</legend>
            {cell(i, 'atensi', t('kasus.rencana.service'), (p) => (
              <select required value={l.atensi} onChange={(e) => set(i, { atensi: e.target.value })} {...p}>
                <option value="">{t('kasus.rencana.service')}</option>
                {ATENSI_LAYANAN.map((a) => (
                  <option key={a.kode} value={a.kode}>
                    {a.nama}
                  </option>
                ))}
              </select>
            ))}
            {cell(i, 'uraian', t('kasus.rencana.description'), (p) => (
              <input required value={l.uraian} onChange={(e) => set(i, { uraian: e.target.value })} {...p} />
            ))}
            {cell(i, 'pelaksana', t('kasus.rencana.provider'), (p) => (
              <input required value={l.pelaksana} onChange={(e) => set(i, { pelaksana: e.target.value })} {...p} />
            ))}
            {cell(i, 'batas', t('kasus.rencana.due'), (p) => (
              <input type="date" required value={l.batas} onChange={(e) => set(i, { batas: e.target.value })} {...p} />
            ))}
            {layanan.length > 1 && (
              <button type="button" className="secondary outline" onClick={() => setLayanan(layanan.filter((_, j) => j !== i))}>
                {t('kasus.rencana.remove')}
              </button>
            )}
          </fieldset>
        ))}
        <button type="button" className="secondary outline" onClick={() => setLayanan([...layanan, emptyService()])}>
          {t('kasus.rencana.addService')}
        </button>
      </fieldset>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        {t('kasus.rencana.save')}
      </button>
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

function Review({ kase, plan }: { kase: CaseRecord; plan: PlanView }) {
  const { t } = useTranslation();
  const [komentar, setKomentar] = useState('');
  const review = useCaseWrite(kase.id, 'plan', (keputusan: 'setujui' | 'kembalikan') =>
    caseworkCalls.planReview(kase.id, { keputusan, komentar: komentar || undefined, version: plan.version }),
  );
  return (
    <div>
      <label>
        {t('kasus.rencana.comment')}
        <textarea rows={2} value={komentar} onChange={(e) => setKomentar(e.target.value)} />
      </label>
      <div className="actions">
        <button disabled={review.isPending} onClick={() => review.mutate('setujui')}>
          {t('kasus.rencana.approve')}
        </button>
        <button className="secondary" disabled={review.isPending || !komentar.trim()} onClick={() => review.mutate('kembalikan')}>
          {t('kasus.rencana.returnIt')}
        </button>
      </div>
      {review.isError && (
        <p role="alert" className="error">
          {review.error.message}
        </p>
      )}
    </div>
  );
}

/** The intervention plan: goals and ATENSI services, its review by the koordinator. */
export function PlanPanel({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const { query, plan: p, known, entry } = usePlanView(kase.id);
  const [editing, setEditing] = useState(false);
  const submit = useCaseWrite(kase.id, 'plan', (version: number) => caseworkWrites.planSubmit(kase.id, version));
  if (!known && query.isPending) return <Loading query={query} />;
  if (p === undefined) return <p role="alert">{query.error?.message}</p>;
  const mayWrite = kase.tindakan.ubah && kase.status !== 'ditutup';
  if (!p || editing)
    return mayWrite ? <PlanEditor kase={kase} plan={p} onDone={() => setEditing(false)} /> : <p>{t('kasus.rencana.none')}</p>;
  return (
    <div>
      <p>
        <mark>{t(`kasus.rencana.status.${p.status}`)}</mark> <span className="muted">{t('kasus.rencana.revision', { n: p.revisi })}</span>{' '}
        {entry && <SyncMark entry={entry} />}
      </p>
      {p.status === 'dikembalikan' && p.komentar && (
        <p className="notice late-notice">{t('kasus.rencana.returned', { komentar: p.komentar })}</p>
      )}
      <ol>
        {p.tujuan.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ol>
      <TableScroll label={t('kasus.rencana.services')}>
        <table>
          <thead>
            <tr>
              <th>{t('kasus.rencana.service')}</th>
              <th>{t('kasus.rencana.description')}</th>
              <th>{t('kasus.rencana.provider')}</th>
              <th>{t('kasus.rencana.due')}</th>
            </tr>
          </thead>
          <tbody>
            {p.layanan.map((l, i) => (
              <tr key={i}>
                <td>{atensiName(l.atensi)}</td>
                <td>{l.uraian}</td>
                <td>{l.pelaksana}</td>
                <td>{formatDate(l.batas)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="actions">
        {p.tindakan.ubah && (p.status !== 'disetujui' || kase.tahapan === 'rencana') && (
          <button className="secondary" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
        {p.tindakan.ajukan && (
          <button aria-busy={submit.isPending} disabled={submit.isPending} onClick={() => submit.mutate(p.version)}>
            {t('kasus.rencana.submit')}
          </button>
        )}
      </div>
      {submit.isError && (
        <p role="alert" className="error">
          {submit.error.message}
        </p>
      )}
      {p.tindakan.putuskan && <Review kase={kase} plan={p} />}
    </div>
  );
}

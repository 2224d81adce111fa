import { PPKS } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useOpenCase } from '../../api/case-writes.js';
import { useBeneficiaryView } from '../../api/local-records.js';
import { FieldError, RequiredMark } from '../../components/FieldError.js';
import { Loading } from '../../components/Loading.js';
import { useFormErrors, type ServerFieldError } from '../../lib/use-form-errors.js';

/** Opening a case starts from a registered person (on the server, or registered on this device): the registry first, then the case. */
export default function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const beneficiaryId = params.get('penerima') ?? '';
  const { query, person } = useBeneficiaryView(beneficiaryId);
  const [ppks, setPpks] = useState('');
  const [ringkasan, setRingkasan] = useState('');
  const chosen = ppks || person?.kategoriPpks || '';
  const openCase = useOpenCase();
  const open = {
    mutate: () =>
      openCase.mutate(
        { beneficiaryId, ppks: chosen, ringkasan: ringkasan.trim() || null },
        { onSuccess: (id) => navigate(`/kasus/${id}`) },
      ),
    isPending: openCase.isPending,
    error: openCase.error,
  };
  const form = useFormErrors(
    open.error instanceof ApiError && Array.isArray(open.error.details) ? (open.error.details as ServerFieldError[]) : [],
  );

  if (!beneficiaryId) {
    return (
      <section>
        <h1>{t('cases.newTitle')}</h1>
        <p>{t('cases.pickPersonFirst')}</p>
        <Link role="button" to="/penerima-manfaat">
          {t('nav.penerimaManfaat')}
        </Link>
      </section>
    );
  }
  if (!person && query.isPending) return <Loading query={query} />;
  if (!person) return <p role="alert">{t('beneficiaries.notFound')}</p>;
  const existing =
    open.error instanceof ApiError && open.error.status === 409 ? (open.error.details as { id?: string } | undefined)?.id : undefined;

  return (
    <section>
      <h1>{t('cases.newTitle')}</h1>
      <p>{t('cases.newFor', { name: person.nama })}</p>
      <form ref={form.formRef} noValidate onSubmit={form.onSubmit(open.mutate)}>
        <p className="required-legend">{t('forms.requiredLegend')}</p>
        <div className="field">
          <label>
            {t('cases.ppks')}
            <RequiredMark />
            <select
              required
              value={chosen}
              onChange={(e) => {
                form.clear('ppks');
                setPpks(e.target.value);
              }}
              {...form.field('ppks')}
            >
              <option value="">{t('beneficiaries.choosePpksRequired')}</option>
              {PPKS.map((p) => (
                <option key={p.kode} value={p.kode}>
                  {p.kode} {p.nama}
                </option>
              ))}
            </select>
          </label>
          <FieldError name="ppks" message={form.errors['ppks']} />
        </div>
        <label>
          {t('cases.summary')}
          <textarea rows={3} maxLength={2000} value={ringkasan} onChange={(e) => setRingkasan(e.target.value)} />
        </label>
        {open.error instanceof ApiError && (
          <p role="alert" className="error">
            {open.error.message} {existing && <Link to={`/kasus/${existing}`}>{t('cases.openExisting')}</Link>}
          </p>
        )}
        <div className="actions">
          <button type="submit" aria-busy={open.isPending} disabled={open.isPending}>
            {t('cases.open')}
          </button>
          <Link role="button" className="secondary" to={`/penerima-manfaat/${beneficiaryId}`}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

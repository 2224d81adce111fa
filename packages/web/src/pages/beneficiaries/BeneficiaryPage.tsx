import { ALASAN_TANPA_NIK_LABELS, cleanNik, nikBirthDate, parseNik, writesRecords } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PersonCases } from '../../components/PersonCases.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client.js';
import { useBeneficiaryView } from '../../api/local-records.js';
import { SyncMark } from '../../components/SyncMark.js';
import { keys, useHousehold, useMe, usePpks, useWilayah } from '../../api/queries.js';
import { ConsentSection } from './ConsentSection.js';
import { PersonPrivacySection } from '../privacy/PersonPrivacySection.js';
import type { Beneficiary } from '../../api/types.js';
import { formatDate, personAge, workerToday } from '../../lib/format.js';
import { Loading } from '../../components/Loading.js';

interface FieldError {
  field: string | null;
  message: string;
}

/**
 * "Tautkan NIK": a person registered without NIK gets it once known. The server checks it as at
 * registration, against the real birth date (which replaces an estimate), and keeps the record;
 * a NIK already registered is merged by a koordinator, and the page follows to that record.
 */
function LinkNikForm({ person }: { person: Beneficiary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    nik: '',
    tanggalLahir: person.tanggalLahirPerkiraan ? '' : (person.tanggalLahir ?? ''),
    jenisKelamin: person.jenisKelamin as string,
  });
  const link = useMutation({
    mutationFn: () =>
      api<Beneficiary>(`/beneficiaries/${person.id}/nik`, {
        method: 'POST',
        json: {
          version: person.version,
          nik: form.nik.trim(),
          jenisKelamin: form.jenisKelamin,
          ...(form.tanggalLahir ? { tanggalLahir: form.tanggalLahir } : {}),
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.beneficiary(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['beneficiaries'] });
      if (saved.id !== person.id) navigate(`/penerima-manfaat/${saved.id}`, { replace: true });
    },
  });
  const errors: FieldError[] =
    link.error instanceof ApiError && Array.isArray(link.error.details) ? (link.error.details as FieldError[]) : [];
  const errorFor = (field: string) =>
    errors
      .filter((e) => e.field === field)
      .map((e) => e.message)
      .join(' ');
  // A valid NIK says the birth date and sex: filled in when still empty, never overwritten.
  const onNik = (nik: string) => {
    const parsed = parseNik(cleanNik(nik));
    setForm((prev) => ({ ...prev, nik, ...(parsed && !prev.tanggalLahir ? { tanggalLahir: nikBirthDate(parsed) } : {}) }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    link.mutate();
  };
  const field = (name: 'nik' | 'tanggalLahir', props: Record<string, unknown>) => (
    <label>
      {t(`beneficiaries.fields.${name}`)}
      <input
        name={name}
        value={form[name]}
        onChange={(e) => (name === 'nik' ? onNik(e.target.value) : setForm({ ...form, tanggalLahir: e.target.value }))}
        aria-invalid={errorFor(name) ? true : undefined}
        {...props}
      />
      {errorFor(name) && <small className="error">{errorFor(name)}</small>}
    </label>
  );
  return (
    <details>
      <summary role="button" className="secondary outline">
        {t('beneficiaries.linkNik')}
      </summary>
      <form onSubmit={submit} noValidate aria-label={t('beneficiaries.linkNikTitle')}>
        <p>
          <small>{t('beneficiaries.linkNikHint')}</small>
        </p>
        <div className="grid">
          {field('nik', { inputMode: 'numeric', autoComplete: 'off', required: true, maxLength: 20 })}
          {field('tanggalLahir', { type: 'date', required: true, max: workerToday(person.kabupaten) })}
          <label>
            {t('beneficiaries.fields.jenisKelamin')}
            <select
              name="jenisKelamin"
              value={form.jenisKelamin}
              onChange={(e) => setForm({ ...form, jenisKelamin: e.target.value })}
              aria-invalid={errorFor('jenisKelamin') ? true : undefined}
            >
              <option value="L">{t('beneficiaries.sex.L')}</option>
              <option value="P">{t('beneficiaries.sex.P')}</option>
            </select>
            {errorFor('jenisKelamin') && <small className="error">{errorFor('jenisKelamin')}</small>}
          </label>
        </div>
        {link.error instanceof ApiError && errors.length === 0 && (
          <p role="alert" className="error">
            {link.error.code === 'VERSION_CONFLICT' ? t('beneficiaries.conflict') : link.error.message}
          </p>
        )}
        <button type="submit" aria-busy={link.isPending} disabled={link.isPending}>
          {t('beneficiaries.linkNikSubmit')}
        </button>
      </form>
    </details>
  );
}

/** Who answers for a person's data: holds it from anonymisation and, as koordinator, answers access requests. */
const holdsData = (role: string) => role === 'koordinator' || role === 'direktorat' || role === 'admin';

export default function BeneficiaryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  // The server's copy, or the registration still waiting on this device.
  const { query: person, person: b, created } = useBeneficiaryView(id);
  const household = useHousehold(id);
  const ppks = usePpks();
  const desa = useWilayah(b?.kodeDesa);
  const canWrite = writesRecords(me.role);

  if (!b && person.isPending) return <Loading query={person} />;
  if (!b) {
    return (
      <section>
        <p role="alert">
          {person.error instanceof ApiError && person.error.status === 404 ? t('beneficiaries.notFound') : person.error?.message}
        </p>
        <Link to="/penerima-manfaat">{t('common.back')}</Link>
      </section>
    );
  }
  const category = ppks.data?.find((p) => p.kode === b.kategoriPpks);
  const masked = b.identitasTerlindungi;
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const nikShown =
    b.nik ??
    (masked || !b.alasanTanpaNik
      ? t('beneficiaries.masked')
      : t('beneficiaries.noNikYet', { alasan: ALASAN_TANPA_NIK_LABELS[b.alasanTanpaNik][lang] }));
  const rows: Array<[string, string]> = [
    [t('beneficiaries.fields.nik'), nikShown],
    ...(b.nomorSementara ? [[t('beneficiaries.fields.nomorSementara'), b.nomorSementara] as [string, string]] : []),
    [t('beneficiaries.fields.noKk'), b.noKk ?? t('common.none')],
    [t('beneficiaries.fields.jenisKelamin'), t(`beneficiaries.sex.${b.jenisKelamin}`)],
    [
      t('beneficiaries.fields.tanggalLahir'),
      b.tanggalLahirPerkiraan && !masked
        ? t('beneficiaries.estimatedAge', { count: personAge(b) })
        : b.tanggalLahir
          ? `${b.tempatLahir ? `${b.tempatLahir}, ` : ''}${formatDate(b.tanggalLahir)} (${t('beneficiaries.age', { count: personAge(b) })})`
          : t('beneficiaries.bornYear', { year: b.tahunLahir, count: personAge(b) }),
    ],
    [t('beneficiaries.fields.alamat'), b.alamat ?? t('common.none')],
    [t('beneficiaries.fields.kodeDesa'), b.kodeDesa ? (desa.data ? `${desa.data.nama} (${b.kodeDesa})` : b.kodeDesa) : b.kabupaten],
    [t('beneficiaries.fields.kategoriPpks'), category ? `${category.kode} ${category.nama}` : t('common.none')],
    [t('beneficiaries.fields.telepon'), b.telepon ?? t('common.none')],
    [t('beneficiaries.fields.disabilitas'), b.disabilitas ?? t('common.none')],
    [t('beneficiaries.fields.catatan'), b.catatan ?? t('common.none')],
  ];
  return (
    <section>
      <p>
        <Link to="/penerima-manfaat">← {t('beneficiaries.title')}</Link>
      </p>
      <h1>
        {b.nama} {b.anak && <mark>{t('beneficiaries.child')}</mark>} {!b.anak && b.sensitif && <mark>{t('beneficiaries.sensitive')}</mark>}{' '}
        {created && <SyncMark entry={created} />}
      </h1>
      {masked && <p role="note">{t('beneficiaries.maskedNotice')}</p>}
      <article>
        <dl className="facts">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {canWrite && !masked && !created && (
          <footer>
            <Link role="button" className="secondary" to={`/penerima-manfaat/${b.id}/ubah`}>
              {t('common.edit')}
            </Link>
            {b.nik === null && <LinkNikForm person={b} />}
          </footer>
        )}
      </article>
      <PersonCases beneficiaryId={b.id} canOpen={canWrite && !masked} />
      {/* Household and consents are the server's records of a registered person: shown once it has them. */}
      {created ? (
        <p className="muted">{t('luring.personAfterSync')}</p>
      ) : (
        <>
          <article>
            <header>
              <h2>{t('beneficiaries.household')}</h2>
            </header>
            {household.data && household.data.members.length > 1 ? (
              <ul>
                {household.data.members.map((m) => (
                  <li key={m.id}>
                    {m.id === b.id ? <strong>{m.nama}</strong> : <Link to={`/penerima-manfaat/${m.id}`}>{m.nama}</Link>} ·{' '}
                    {t('beneficiaries.age', { count: personAge(m) })}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('beneficiaries.householdEmpty')}</p>
            )}
          </article>
          <ConsentSection id={b.id} child={b.anak} canWrite={canWrite} />
          {holdsData(me.role) && !masked && <PersonPrivacySection beneficiaryId={b.id} role={me.role} />}
        </>
      )}
    </section>
  );
}

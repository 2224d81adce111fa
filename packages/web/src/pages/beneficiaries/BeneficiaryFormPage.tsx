import {
  ALASAN_TANPA_NIK,
  ALASAN_TANPA_NIK_LABELS,
  cleanNik,
  IMPORT_ROW_MESSAGES,
  nikBirthDate,
  nikMatchesBirthDate,
  nikProblem,
  parseNik,
  parseTanggal,
} from '@tuntas/domain';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSaveBeneficiary } from '../../api/beneficiary-writes.js';
import { ApiError } from '../../api/client.js';
import { useBeneficiary, useMe, useNikCheck, usePpks } from '../../api/queries.js';
import type { Beneficiary } from '../../api/types.js';
import { FieldError, RequiredMark } from '../../components/FieldError.js';
import { WilayahPicker } from '../../components/WilayahPicker.js';
import { useDebounced } from '../../lib/use-debounced.js';
import { useDraft } from '../../lib/use-draft.js';
import { useFormErrors, type ServerFieldError } from '../../lib/use-form-errors.js';
import { formatDate, personAge, workerToday } from '../../lib/format.js';

const EMPTY = {
  nik: '',
  noKk: '',
  nama: '',
  jenisKelamin: '',
  tempatLahir: '',
  tanggalLahir: '',
  alamat: '',
  kodeDesa: '',
  kategoriPpks: '',
  telepon: '',
  disabilitas: '',
  catatan: '',
  // A person without NIK: the reason, and an estimated age when the birth date is unknown.
  alasanTanpaNik: '',
  perkiraanUmur: '',
};
type Fields = typeof EMPTY;
/** What the form shows beside the fields: "no NIK" and "birth date unknown" (kept in the draft too). */
type Choices = { tanpaNik: boolean; umurSaja: boolean };
type Draft = Fields & Choices;
const EMPTY_DRAFT: Draft = { ...EMPTY, tanpaNik: false, umurSaja: false };

function fromBeneficiary(b: Beneficiary): Draft {
  const fields = Object.fromEntries(
    Object.keys(EMPTY).map((k) => [k, String((b as unknown as Record<string, unknown>)[k] ?? '')]),
  ) as Fields;
  // An estimated birth date is shown as the age it stands for, never as a date someone gave.
  if (b.tanggalLahirPerkiraan) Object.assign(fields, { tanggalLahir: '', perkiraanUmur: String(personAge(b)) });
  return { ...fields, tanpaNik: b.nik === null, umurSaja: b.tanggalLahirPerkiraan };
}

/** The request body: empty text as null, the NIK or the reason (never both), an age as a number. */
function toBody(d: Draft): Record<string, unknown> {
  const { tanpaNik, umurSaja, ...fields } = d;
  const body: Record<string, unknown> = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim() === '' ? null : v.trim()]));
  if (!tanpaNik) return { ...body, alasanTanpaNik: null, perkiraanUmur: null };
  const umur = /^[0-9]{1,3}$/.test(d.perkiraanUmur.trim()) ? Number(d.perkiraanUmur.trim()) : null;
  return { ...body, nik: null, ...(umurSaja ? { tanggalLahir: null, perkiraanUmur: umur } : { perkiraanUmur: null }) };
}

/** Live checks from the domain package: the same rules the server applies, before anything is sent. */
function liveNikError(fields: Fields, lang: 'id' | 'en'): string | undefined {
  const nik = cleanNik(fields.nik);
  // Still typing: judge only once 16 characters (or a mangled form) are there.
  if (/^[0-9]{0,15}$/.test(nik)) return undefined;
  const problem = nikProblem(nik);
  if (problem) return IMPORT_ROW_MESSAGES[problem][lang];
  const parsed = parseNik(nik)!;
  const birth = parseTanggal(fields.tanggalLahir);
  if (birth && !nikMatchesBirthDate(parsed, birth)) return IMPORT_ROW_MESSAGES.NIK_DOB_MISMATCH[lang];
  if (fields.jenisKelamin && fields.jenisKelamin !== parsed.jenisKelamin) return IMPORT_ROW_MESSAGES.NIK_SEX_MISMATCH[lang];
  return undefined;
}

/**
 * The server's objections by the field they concern, as the form names its fields: an estimated
 * age stands where the birth date would, the reason where the NIK would, a taken NIK on the NIK.
 */
function serverFieldErrors(error: unknown, d: Draft): ServerFieldError[] {
  if (!(error instanceof ApiError)) return [];
  if (error.code === 'NIK_EXISTS') return [{ field: 'nik', message: error.message }];
  if (!Array.isArray(error.details)) return [];
  const rename = (field: string | null) =>
    d.tanpaNik && field === 'nik' ? 'alasanTanpaNik' : d.tanpaNik && d.umurSaja && field === 'tanggalLahir' ? 'perkiraanUmur' : field;
  return (error.details as ServerFieldError[]).map((e) => ({ field: rename(e.field), message: e.message }));
}

export default function BeneficiaryFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const existing = useBeneficiary(id ?? '');
  const ppks = usePpks();
  const draft = useDraft<Draft>(`beneficiary.${me.id}.${id ?? 'baru'}`, EMPTY_DRAFT);
  const f = draft.value;

  useEffect(() => {
    if (editing && existing.data && !draft.restored && f.nik === '' && f.nama === '') draft.set(fromBeneficiary(existing.data));
    // Loading the record once fills the form; later edits must not be overwritten.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing.data]);

  // A new person goes through the outbox (kept on the device without a signal); an edit is sent now.
  const saving = useSaveBeneficiary(editing && existing.data ? { id: existing.data.id, version: existing.data.version } : null);
  const save = {
    mutate: () =>
      saving.mutate(toBody(f), {
        onSuccess: ({ id: savedId }) => {
          draft.clear();
          navigate(`/penerima-manfaat/${savedId}`);
        },
      }),
    isPending: saving.isPending,
    error: saving.error,
  };

  const lang = i18n.language === 'en' ? 'en' : 'id';
  const liveError = f.tanpaNik ? undefined : liveNikError(f, lang);
  const form = useFormErrors(serverFieldErrors(save.error, f));
  const errorFor = (field: string) => form.errors[field];
  // A complete NIK is checked against the registry while the form is still being filled in.
  const nikDigits = useDebounced(f.tanpaNik || liveError ? '' : cleanNik(f.nik), 400);
  const nikCheck = useNikCheck(nikDigits);
  const nikTaken = nikCheck.data?.terdaftar && nikDigits === cleanNik(f.nik) && nikCheck.data.orang?.id !== id ? nikCheck.data : null;
  const parsedNik = f.nik && !f.tanpaNik ? parseNik(cleanNik(f.nik)) : undefined;
  // A NIK is given once, by "Tautkan NIK" on the person's page (the record and its history stay).
  const registeredWithoutNik = editing && existing.data?.nik === null;

  // A valid NIK already says the birth date and sex: fill them in when still empty, never overwrite.
  const withNikDefaults = (nik: string): Partial<Fields> => {
    const parsed = parseNik(cleanNik(nik));
    if (!parsed) return { nik };
    return {
      nik,
      ...(f.tanggalLahir ? {} : { tanggalLahir: nikBirthDate(parsed) }),
      ...(f.jenisKelamin ? {} : { jenisKelamin: parsed.jenisKelamin }),
    };
  };
  const input = (field: keyof Fields, props: Record<string, unknown> = {}) => {
    const error = errorFor(field) || (field === 'nik' ? liveError : undefined);
    return (
      <div className="field">
        <label>
          {t(`beneficiaries.fields.${field}`)}
          {props.required === true && <RequiredMark />}
          <input
            value={f[field]}
            onChange={(e) => {
              form.clear(field);
              draft.set(field === 'nik' ? withNikDefaults(e.target.value) : ({ [field]: e.target.value } as Partial<Fields>));
            }}
            {...form.field(field)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${field}-error` : undefined}
            {...props}
          />
        </label>
        <FieldError name={field} message={error} />
      </div>
    );
  };
  const choose = (field: 'alasanTanpaNik' | 'jenisKelamin', value: string) => {
    form.clear(field);
    draft.set({ [field]: value });
  };
  const nonFieldError = save.error instanceof ApiError && !serverFieldErrors(save.error, f).some((e) => e.field);

  if (editing && existing.isPending) return <p aria-busy="true">{t('common.loading')}</p>;

  return (
    <section>
      <h1>{editing ? t('beneficiaries.editTitle', { name: existing.data?.nama ?? '' }) : t('beneficiaries.createTitle')}</h1>
      {draft.restored && <p role="status">{t('common.draftRestored')}</p>}
      <form ref={form.formRef} onSubmit={form.onSubmit(() => save.mutate())} noValidate>
        <p className="required-legend">{t('forms.requiredLegend')}</p>
        {!editing && (
          <label>
            <input
              type="checkbox"
              role="switch"
              name="tanpaNik"
              checked={f.tanpaNik}
              onChange={(e) => draft.set({ tanpaNik: e.target.checked })}
            />
            {t('beneficiaries.withoutNik')}
          </label>
        )}
        {f.tanpaNik ? (
          <>
            <small>{t('beneficiaries.withoutNikHint')}</small>
            <div className="field">
              <label>
                {t('beneficiaries.fields.alasanTanpaNik')}
                <RequiredMark />
                <select
                  required
                  value={f.alasanTanpaNik}
                  onChange={(e) => choose('alasanTanpaNik', e.target.value)}
                  {...form.field('alasanTanpaNik')}
                >
                  <option value="">{t('beneficiaries.chooseAlasan')}</option>
                  {ALASAN_TANPA_NIK.map((a) => (
                    <option key={a} value={a}>
                      {ALASAN_TANPA_NIK_LABELS[a][lang]}
                    </option>
                  ))}
                </select>
              </label>
              <FieldError name="alasanTanpaNik" message={errorFor('alasanTanpaNik')} />
            </div>
          </>
        ) : (
          !registeredWithoutNik && input('nik', { inputMode: 'numeric', autoComplete: 'off', required: true, maxLength: 20 })
        )}
        {nikTaken && (
          <p role="status" className="error" data-testid="nik-taken">
            {nikTaken.orang ? (
              <>
                {t('beneficiaries.nikTaken', { nama: nikTaken.orang.nama })}{' '}
                <Link to={`/penerima-manfaat/${nikTaken.orang.id}`}>{t('beneficiaries.nikTakenOpen', { nama: nikTaken.orang.nama })}</Link>
              </>
            ) : (
              t('beneficiaries.nikTakenElsewhere')
            )}
          </p>
        )}
        {!liveError && parsedNik && (
          <small className="ok" role="status">
            {t('beneficiaries.nikParsed', {
              date: formatDate(nikBirthDate(parsedNik)),
              sex: t(`beneficiaries.sex.${parsedNik.jenisKelamin}`),
            })}
          </small>
        )}
        {input('nama', { required: true, autoComplete: 'off' })}
        <div className="grid">
          <div className="field">
            <label>
              {t('beneficiaries.fields.jenisKelamin')}
              <RequiredMark />
              <select
                required
                value={f.jenisKelamin}
                onChange={(e) => choose('jenisKelamin', e.target.value)}
                {...form.field('jenisKelamin')}
              >
                <option value="">{t('beneficiaries.chooseSex')}</option>
                <option value="L">{t('beneficiaries.sex.L')}</option>
                <option value="P">{t('beneficiaries.sex.P')}</option>
              </select>
            </label>
            <FieldError name="jenisKelamin" message={errorFor('jenisKelamin')} />
          </div>
          {f.tanpaNik && f.umurSaja
            ? input('perkiraanUmur', { type: 'number', inputMode: 'numeric', min: 0, max: 120, step: 1, required: true })
            : input('tanggalLahir', { type: 'date', required: true, max: workerToday(me.wilayah) })}
        </div>
        {f.tanpaNik && (
          <label>
            <input type="checkbox" name="umurSaja" checked={f.umurSaja} onChange={(e) => draft.set({ umurSaja: e.target.checked })} />
            {t('beneficiaries.birthDateUnknown')}
          </label>
        )}
        <div className="grid">
          {input('tempatLahir')}
          {input('noKk', { inputMode: 'numeric' })}
        </div>
        {input('alamat')}
        <WilayahPicker
          value={f.kodeDesa}
          fixed={me.wilayah}
          onChange={(kodeDesa) => {
            form.clear('kodeDesa');
            draft.set({ kodeDesa });
          }}
          field={form.field('kodeDesa')}
        />
        <FieldError name="kodeDesa" message={errorFor('kodeDesa')} />
        <label>
          {t('beneficiaries.fields.kategoriPpks')}
          <select name="kategoriPpks" value={f.kategoriPpks} onChange={(e) => draft.set({ kategoriPpks: e.target.value })}>
            <option value="">{t('beneficiaries.choosePpks')}</option>
            {ppks.data?.map((p) => (
              <option key={p.kode} value={p.kode}>
                {p.kode} {p.nama}
              </option>
            ))}
          </select>
        </label>
        <div className="grid">
          {input('telepon', { type: 'tel', inputMode: 'tel' })}
          {input('disabilitas')}
        </div>
        {input('catatan')}
        {form.count > 0 && (
          <p role="alert" className="error">
            {t('forms.summary', { count: form.count })}
          </p>
        )}
        {nonFieldError && save.error instanceof ApiError && (
          <p role="alert" className="error">
            {save.error.code === 'VERSION_CONFLICT' ? t('beneficiaries.conflict') : save.error.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
            {t('common.save')}
          </button>
          <Link
            role="button"
            className="secondary outline"
            to={editing ? `/penerima-manfaat/${id}` : '/penerima-manfaat'}
            onClick={() => draft.clear()}
          >
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

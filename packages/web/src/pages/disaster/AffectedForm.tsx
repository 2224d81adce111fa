import {
  ALASAN_TANPA_NIK,
  ALASAN_TANPA_NIK_LABELS,
  cleanNik,
  KELOMPOK_RENTAN,
  nikBirthDate,
  parseNik,
  type AlasanTanpaNik,
  type DisasterRecord,
  type KelompokRentan,
  type KondisiKorban,
  type ShelterRecord,
} from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useRegisterAffected, type NewAffected } from '../../api/disaster-queries.js';
import { FieldError, RequiredMark } from '../../components/FieldError.js';
import { useFormErrors, type ServerFieldError } from '../../lib/use-form-errors.js';
import { CheckList } from './DisasterBits.js';
import { EventVillagePicker } from './EventVillagePicker.js';
import { KondisiOptions, ShelterOptions } from './AffectedOptions.js';

/** Someone a new person may join as a household member: registered here, or still on the device. */
export interface HouseholdHead {
  id: string;
  nama: string;
  keluargaId: string | null;
}

const PERSON = {
  tanpaNik: true,
  nik: '',
  alasanTanpaNik: 'dokumen_hilang_bencana' as AlasanTanpaNik,
  nama: '',
  jenisKelamin: '' as '' | 'L' | 'P',
  tanggalLahir: '',
  perkiraanUmur: '',
  kelompokRentan: [] as KelompokRentan[],
  kebutuhan: '',
};

/**
 * Pendataan korban on the phone: with a NIK or without (a reason and an estimated age), the
 * shelter and village, condition, vulnerable groups, needs and the household. Saved through the
 * outbox; after saving, the next member of the same family is one tap away.
 */
export function AffectedForm({
  event,
  shelters,
  heads,
  onSaved,
}: {
  event: DisasterRecord;
  shelters: ShelterRecord[];
  heads: HouseholdHead[];
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const register = useRegisterAffected(event.id);
  // Each refused field is marked beside it and the reader taken to the first (a long form on a phone).
  const form = useFormErrors(
    register.error instanceof ApiError && Array.isArray(register.error.details) ? (register.error.details as ServerFieldError[]) : [],
  );
  const [p, setP] = useState(PERSON);
  const [place, setPlace] = useState({ shelterId: '', kodeDesa: '', kondisi: 'mengungsi' as KondisiKorban, keluarga: '' });
  // The village picker starts again from a shelter's village when one is chosen.
  const [villageSeed, setVillageSeed] = useState(0);
  const [last, setLast] = useState<HouseholdHead | null>(null);
  const chooseShelter = (shelterId: string) => {
    const shelter = shelters.find((s) => s.id === shelterId);
    setPlace((x) => ({ ...x, shelterId, kodeDesa: x.kodeDesa || shelter?.kodeDesa || '', kondisi: shelterId ? 'mengungsi' : x.kondisi }));
    setVillageSeed((n) => n + 1);
  };
  const fillFromNik = () => {
    const parsed = parseNik(cleanNik(p.nik));
    if (!parsed) return;
    setP((x) => ({ ...x, tanggalLahir: x.tanggalLahir || nikBirthDate(parsed), jenisKelamin: x.jenisKelamin || parsed.jenisKelamin }));
  };
  const options: HouseholdHead[] = last && !heads.some((h) => h.id === last.id) ? [last, ...heads] : heads;

  const submit = () => {
    const head = options.find((h) => h.id === place.keluarga);
    const kebutuhan = p.kebutuhan.trim();
    const input: NewAffected & { id: string } = {
      id: crypto.randomUUID(),
      nama: p.nama.trim(),
      jenisKelamin: p.jenisKelamin as 'L' | 'P',
      kodeDesa: place.kodeDesa,
      kondisi: place.kondisi,
      kelompokRentan: p.kelompokRentan,
      ...(p.tanpaNik
        ? { nik: null, alasanTanpaNik: p.alasanTanpaNik, perkiraanUmur: Number(p.perkiraanUmur) }
        : { nik: cleanNik(p.nik), tanggalLahir: p.tanggalLahir }),
      ...(place.shelterId ? { shelterId: place.shelterId } : {}),
      ...(kebutuhan ? { kebutuhan } : {}),
      ...(head ? { keluargaId: head.keluargaId ?? head.id } : {}),
    };
    register.mutate(input, {
      onSuccess: (outcome) => {
        const saved: HouseholdHead = outcome.queued
          ? { id: input.id, nama: input.nama, keluargaId: input.keluargaId ?? null }
          : { id: outcome.result.id, nama: outcome.result.nama, keluargaId: outcome.result.keluargaId };
        setLast(saved);
        setP(PERSON);
        // The next one is most often of the same family: it stays chosen, and can be changed.
        setPlace((x) => ({ ...x, keluarga: saved.id }));
        onSaved(outcome.queued ? t('bencana.korban.queued', { nama: input.nama }) : t('bencana.korban.saved', { nama: input.nama }));
      },
    });
  };

  return (
    <form className="affected-form" ref={form.formRef} noValidate onSubmit={form.onSubmit(submit)}>
      <h3>{last ? t('bencana.korban.registerFamily') : t('bencana.korban.register')}</h3>
      <fieldset className="chips" role="radiogroup">
        <label className="inline-check">
          <input type="radio" name="punya-nik" checked={!p.tanpaNik} onChange={() => setP({ ...p, tanpaNik: false })} />
          {t('bencana.korban.withNik')}
        </label>
        <label className="inline-check">
          <input type="radio" name="punya-nik" checked={p.tanpaNik} onChange={() => setP({ ...p, tanpaNik: true })} />
          {t('bencana.korban.withoutNik')}
        </label>
      </fieldset>
      {p.tanpaNik ? (
        <div className="grid">
          <label>
            {t('bencana.korban.alasan')}
            <select value={p.alasanTanpaNik} onChange={(e) => setP({ ...p, alasanTanpaNik: e.target.value as AlasanTanpaNik })}>
              {ALASAN_TANPA_NIK.map((a) => (
                <option key={a} value={a}>
                  {ALASAN_TANPA_NIK_LABELS[a][lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('bencana.korban.umur')}
            <RequiredMark />
            <input
              type="number"
              inputMode="numeric"
              required
              min={0}
              max={120}
              {...form.field('perkiraanUmur')}
              value={p.perkiraanUmur}
              onChange={(e) => {
                form.clear('perkiraanUmur');
                setP({ ...p, perkiraanUmur: e.target.value });
              }}
            />
            <FieldError name="perkiraanUmur" message={form.errors['perkiraanUmur']} />
          </label>
        </div>
      ) : (
        <div className="grid">
          <label>
            {t('bencana.korban.nik')}
            <RequiredMark />
            <input
              inputMode="numeric"
              required
              maxLength={20}
              autoComplete="off"
              {...form.field('nik')}
              value={p.nik}
              onChange={(e) => {
                form.clear('nik');
                setP({ ...p, nik: e.target.value });
              }}
              onBlur={fillFromNik}
            />
            <FieldError name="nik" message={form.errors['nik']} />
          </label>
          <label>
            {t('bencana.korban.lahir')}
            <RequiredMark />
            <input
              type="date"
              required
              {...form.field('tanggalLahir')}
              value={p.tanggalLahir}
              onChange={(e) => {
                form.clear('tanggalLahir');
                setP({ ...p, tanggalLahir: e.target.value });
              }}
            />
            <FieldError name="tanggalLahir" message={form.errors['tanggalLahir']} />
          </label>
        </div>
      )}
      <label>
        {t('bencana.korban.nama')}
        <RequiredMark />
        <input
          required
          maxLength={200}
          autoComplete="off"
          {...form.field('nama')}
          value={p.nama}
          onChange={(e) => {
            form.clear('nama');
            setP({ ...p, nama: e.target.value });
          }}
        />
        <FieldError name="nama" message={form.errors['nama']} />
      </label>
      <fieldset className="chips" role="radiogroup" aria-label={t('bencana.korban.jk')}>
        <legend>
          {t('bencana.korban.jk')}
          <RequiredMark />
        </legend>
        {(['L', 'P'] as const).map((jk) => (
          <label key={jk} className="inline-check">
            <input
              type="radio"
              required
              {...form.field('jenisKelamin')}
              checked={p.jenisKelamin === jk}
              onChange={() => {
                form.clear('jenisKelamin');
                setP({ ...p, jenisKelamin: jk });
              }}
            />
            {t(`bencana.jk.${jk}`)}
          </label>
        ))}
        <FieldError name="jenisKelamin" message={form.errors['jenisKelamin']} />
      </fieldset>
      <div className="grid">
        <label>
          {t('bencana.korban.shelter')}
          <select value={place.shelterId} onChange={(e) => chooseShelter(e.target.value)}>
            <ShelterOptions shelters={shelters} />
          </select>
        </label>
        <label>
          {t('bencana.korban.kondisi')}
          <select value={place.kondisi} onChange={(e) => setPlace({ ...place, kondisi: e.target.value as KondisiKorban })}>
            <KondisiOptions />
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t('bencana.korban.desa')}</legend>
        <EventVillagePicker
          areas={event.wilayah}
          value={place.kodeDesa}
          resetKey={String(villageSeed)}
          onChange={(kodeDesa) => setPlace((x) => ({ ...x, kodeDesa }))}
        />
      </fieldset>
      <label>
        {t('bencana.korban.keluarga')}
        <select value={place.keluarga} onChange={(e) => setPlace({ ...place, keluarga: e.target.value })}>
          <option value="">{t('bencana.korban.keluargaNone')}</option>
          {options.map((h) => (
            <option key={h.id} value={h.id}>
              {h.nama}
            </option>
          ))}
        </select>
      </label>
      <CheckList
        legend={t('bencana.korban.rentan')}
        values={KELOMPOK_RENTAN}
        label={(v) => t(`bencana.rentan.${v}`)}
        chosen={p.kelompokRentan}
        onChange={(kelompokRentan) => setP({ ...p, kelompokRentan })}
      />
      <label>
        {t('bencana.korban.kebutuhan')}
        <textarea rows={2} maxLength={2000} value={p.kebutuhan} onChange={(e) => setP({ ...p, kebutuhan: e.target.value })} />
      </label>
      {register.isError && (
        <p role="alert" className="error">
          {register.error.message}
        </p>
      )}
      <button type="submit" disabled={register.isPending || !place.kodeDesa} aria-busy={register.isPending}>
        {t('bencana.korban.submit')}
      </button>
    </form>
  );
}

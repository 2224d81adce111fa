import { NILAI_BERAKHLAK, parsePeriode, RATINGS, type NilaiBerakhlak, type PerformanceRecord, type Rating } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBehaviourRating, usePlanUpdate } from '../../api/workforce-queries.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);
const QUARTERS = ['TW1', 'TW2', 'TW3', 'TW4'];

function RatingSelect({
  label,
  value,
  onChange,
  empty,
}: {
  label: string;
  value: Rating | '';
  onChange: (r: Rating | '') => void;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as Rating | '')}>
        <option value="">{empty}</option>
        {RATINGS.map((r) => (
          <option key={r} value={r}>
            {t(`kerja.rating.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function usePeriodeName() {
  const { t } = useTranslation();
  return (periode: string) => {
    const p = parsePeriode(periode);
    if (!p) return periode;
    return p.jenis === 'triwulanan'
      ? t('kerja.skp.quarter', { n: periode.slice(2) })
      : t(`kerja.skp.month.${periode}` as 'kerja.skp.month.B01');
  };
}

/** The rating official sets the work-result rating against the computed one, with the reason in writing. */
export function AdjustForm({ perf, year }: { perf: PerformanceRecord; year: number }) {
  const { t } = useTranslation();
  const save = usePlanUpdate(perf.userId, year);
  const [rating, setRating] = useState<Rating | ''>(perf.penyesuaian?.rating ?? '');
  const [alasan, setAlasan] = useState(perf.penyesuaian?.alasan ?? '');
  return (
    <form
      aria-labelledby="skp-adjust"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(rating ? { hasilKerjaPenyesuaian: rating, hasilKerjaAlasan: alasan } : { hasilKerjaPenyesuaian: null });
      }}
    >
      <h2 id="skp-adjust">{t('kerja.skp.adjustTitle')}</h2>
      <p className="muted">{t('kerja.skp.adjustNote', { rating: t(`kerja.rating.${perf.hasilKerjaDihitung}`) })}</p>
      <RatingSelect label={t('kerja.skp.adjustRating')} value={rating} onChange={setRating} empty={t('kerja.skp.followComputed')} />
      {rating && (
        <label>
          {t('kerja.skp.reason')}
          <textarea rows={2} required minLength={10} maxLength={2000} value={alasan} onChange={(e) => setAlasan(e.target.value)} />
        </label>
      )}
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        {t('common.save')}
      </button>
      {save.isSuccess && <p role="status">{t('kerja.kinerja.saved')}</p>}
      {save.isError && <p className="error">{save.error.message}</p>}
    </form>
  );
}

/** One periodic evaluation of behaviour on the seven BerAKHLAK values; a year keeps one kind of period. */
export function BehaviourForm({ perf, year, currentMonth }: { perf: PerformanceRecord; year: number; currentMonth: number }) {
  const { t } = useTranslation();
  const periodeName = usePeriodeName();
  const save = useBehaviourRating(perf.userId, year);
  const kind = perf.perilakuPeriode[0] ? parsePeriode(perf.perilakuPeriode[0].periode)?.jenis : undefined;
  const [jenis, setJenis] = useState<'bulanan' | 'triwulanan'>(kind ?? 'triwulanan');
  const begun = (jenis === 'bulanan' ? MONTHS : QUARTERS).filter((p) => parsePeriode(p)!.bulanAwal <= currentMonth);
  const [periode, setPeriode] = useState(begun.at(-1) ?? '');
  const rated = perf.perilakuPeriode.find((p) => p.periode === periode);
  const [nilai, setNilai] = useState<Partial<Record<NilaiBerakhlak, Rating>>>(rated?.nilai ?? {});
  const [catatan, setCatatan] = useState(rated?.catatan ?? '');
  const pick = (p: string) => {
    setPeriode(p);
    const found = perf.perilakuPeriode.find((b) => b.periode === p);
    setNilai(found?.nilai ?? {});
    setCatatan(found?.catatan ?? '');
  };
  const complete = NILAI_BERAKHLAK.every((k) => nilai[k]);
  return (
    <form
      aria-labelledby="skp-behaviour"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) save.mutate({ periode, nilai: nilai as Record<NilaiBerakhlak, Rating>, catatan: catatan.trim() || null });
      }}
    >
      <h2 id="skp-behaviour">{t('kerja.skp.behaviourTitle')}</h2>
      <p className="muted">{t('kerja.skp.behaviourNote')}</p>
      <div className="grid">
        <label>
          {t('kerja.skp.periodKind')}
          <select
            value={jenis}
            disabled={kind !== undefined}
            onChange={(e) => {
              const next = e.target.value as 'bulanan' | 'triwulanan';
              setJenis(next);
              pick((next === 'bulanan' ? MONTHS : QUARTERS).filter((p) => parsePeriode(p)!.bulanAwal <= currentMonth).at(-1) ?? '');
            }}
          >
            <option value="triwulanan">{t('kerja.skp.triwulanan')}</option>
            <option value="bulanan">{t('kerja.skp.bulanan')}</option>
          </select>
        </label>
        <label>
          {t('kerja.skp.period')}
          <select value={periode} onChange={(e) => pick(e.target.value)}>
            {begun.map((p) => (
              <option key={p} value={p}>
                {periodeName(p)}
                {perf.perilakuPeriode.some((b) => b.periode === p) ? ` ✓` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t('kerja.skp.values')}</legend>
        {NILAI_BERAKHLAK.map((k) => (
          <RatingSelect
            key={`${periode}-${k}`}
            label={t(`kerja.skp.nilai.${k}`)}
            value={nilai[k] ?? ''}
            onChange={(r) => setNilai((n) => ({ ...n, [k]: r || undefined }))}
            empty="—"
          />
        ))}
      </fieldset>
      <label>
        {t('kerja.kinerja.rateNote')}
        <textarea rows={2} maxLength={2000} value={catatan} onChange={(e) => setCatatan(e.target.value)} />
      </label>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending || !complete || !periode}>
        {t('kerja.skp.saveBehaviour', { periode: periode ? periodeName(periode) : '' })}
      </button>
      {save.isSuccess && <p role="status">{t('kerja.kinerja.saved')}</p>}
      {save.isError && <p className="error">{save.error.message}</p>}
    </form>
  );
}

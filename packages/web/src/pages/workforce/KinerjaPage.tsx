import { RATINGS, type PerformanceRecord, type Rating } from '@tuntas/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.js';
import { usePerformance, workforceKeys } from '../../api/workforce-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber } from '../../lib/format.js';

function Spark({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  return (
    <span className="spark" aria-hidden="true">
      {values.map((v, i) => (
        <span key={i} style={{ height: `${Math.max(2, (v / max) * 100)}%` }} title={String(v)} />
      ))}
    </span>
  );
}

function RateForm({ perf, year }: { perf: PerformanceRecord; year: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [perilaku, setPerilaku] = useState<Rating | ''>(perf.perilaku ?? '');
  const [catatan, setCatatan] = useState(perf.perilakuCatatan ?? '');
  const save = useMutation({
    mutationFn: () =>
      api<PerformanceRecord>(`/performance/${perf.userId}/plan?year=${year}`, {
        method: 'PUT',
        json: { perilaku: perilaku || null, perilakuCatatan: catatan || null },
      }),
    onSuccess: (data) => queryClient.setQueryData(workforceKeys.performance(perf.userId, year), data),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        {t('kerja.kinerja.rate')}
        <select value={perilaku} onChange={(e) => setPerilaku(e.target.value as Rating)}>
          <option value="">—</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              {t(`kerja.rating.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('kerja.kinerja.rateNote')}
        <textarea rows={2} maxLength={2000} value={catatan} onChange={(e) => setCatatan(e.target.value)} />
      </label>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        {t('common.save')}
      </button>
      {save.isSuccess && <p role="status">{t('kerja.kinerja.saved')}</p>}
      {save.isError && <p className="error">{save.error.message}</p>}
    </form>
  );
}

/** Targets against realisation computed from the work itself, the ratings and the predikat. */
export default function KinerjaPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const [year, setYear] = useState(new Date().getFullYear());
  const perf = usePerformance(userId, year);
  return (
    <section>
      <h1>{t('kerja.kinerja.title', { year })}</h1>
      <label>
        <select value={year} onChange={(e) => setYear(Number(e.target.value))} aria-label={t('dasbor.year')}>
          {[0, 1, 2]
            .map((d) => new Date().getFullYear() - d)
            .map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
        </select>
      </label>
      <QueryStatus query={perf} isEmpty={() => false} empty={null}>
        {(p) => (
          <>
            <p>
              {t('kerja.kinerja.of', { name: p.nama ?? p.username, wilayah: p.wilayah })}
              <br />
              <small className="muted">{t('kerja.kinerja.evaluated', { months: p.bulanDinilai })}</small>
            </p>
            <div className="grid">
              <article>
                <small>{t('kerja.kinerja.hasilKerja')}</small>
                <p>
                  <strong>{t(`kerja.rating.${p.hasilKerja}`)}</strong>
                </p>
              </article>
              <article>
                <small>{t('kerja.kinerja.perilaku')}</small>
                <p>
                  <strong>{p.perilaku ? t(`kerja.rating.${p.perilaku}`) : t('kerja.kinerja.notRated')}</strong>
                </p>
              </article>
              <article>
                <small>{t('kerja.kinerja.predikat')}</small>
                <p>
                  <strong data-testid="predikat">{p.predikat ? t(`kerja.predikat.${p.predikat}`) : '—'}</strong>
                </p>
              </article>
            </div>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('kerja.kinerja.indicator')}</th>
                    <th>{t('kerja.kinerja.target')}</th>
                    <th>{t('kerja.kinerja.realisasi')}</th>
                    <th>{t('kerja.kinerja.capaian')}</th>
                    <th>{t('kerja.kinerja.monthly')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.indikator.map((i) => (
                    <tr key={i.kode} data-indicator={i.kode}>
                      <td>
                        {i.nama}
                        <br />
                        <small className="muted">{i.hasilKerja}</small>
                      </td>
                      <td>
                        {formatNumber(i.target)} {i.satuan}
                      </td>
                      <td>{formatNumber(i.realisasi)}</td>
                      <td>
                        {formatNumber(i.capaian)}%
                        <span className="bar-track">
                          <span
                            className={`bar${i.rating === 'di_bawah' ? ' under' : ''}`}
                            style={{ width: `${Math.min(100, i.capaian)}%` }}
                          />
                        </span>
                        <small>{t(`kerja.rating.${i.rating}`)}</small>
                      </td>
                      <td>
                        <Spark values={i.bulanan.slice(0, Math.max(1, p.bulanDinilai))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <a href={`/api/v1/performance/${p.userId}/sheet.pdf?year=${year}`} download>
                {t('kerja.kinerja.sheet')}
              </a>
            </p>
            {p.bolehDinilai && <RateForm key={`${p.userId}-${year}`} perf={p} year={year} />}
          </>
        )}
      </QueryStatus>
    </section>
  );
}

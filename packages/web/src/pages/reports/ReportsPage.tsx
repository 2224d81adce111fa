import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client.js';
import { useMe, useWilayahChildren } from '../../api/queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime, formatMonth, formatNumber } from '../../lib/format.js';

interface Report {
  id: string;
  wilayah: string | null;
  bulan: string;
  format: 'xlsx' | 'pdf';
  status: 'antre' | 'proses' | 'selesai' | 'gagal';
  progres: number;
  ukuran: number | null;
  galat: string | null;
  otomatis: boolean;
  dibuatPada: string;
}

const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getFullYear(), d.getMonth() - 1, 1)).toISOString().slice(0, 7);
};

/** The download list: month-end reports appear by themselves; any other is made on request, with progress. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const queryClient = useQueryClient();
  const provinces = useWilayahChildren(null);
  const [form, setForm] = useState({ wilayah: me.wilayah ?? '', bulan: lastMonth(), format: 'xlsx' as 'xlsx' | 'pdf' });
  const reports = useQuery({
    queryKey: ['reports'],
    queryFn: () => api<Page<Report>>('/reports?pageSize=100'),
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'antre' || r.status === 'proses') ? 1500 : false),
  });
  const create = useMutation({
    mutationFn: () =>
      api<Report>('/reports', {
        method: 'POST',
        json: { wilayah: form.wilayah === '' ? null : form.wilayah, bulan: form.bulan, format: form.format },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
  const areaName = (code: string | null) =>
    code === null ? t('dasbor.national') : (provinces.data?.find((p) => p.kode === code)?.nama ?? code);

  return (
    <section>
      <h1>{t('laporan.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="grid">
          {me.wilayah === null && (
            <label>
              {t('dasbor.area')}
              <select value={form.wilayah} onChange={(e) => setForm({ ...form, wilayah: e.target.value })}>
                <option value="">{t('dasbor.national')}</option>
                {provinces.data?.map((p) => (
                  <option key={p.kode} value={p.kode}>
                    {p.nama}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('kerja.tim.month')}
            <input type="month" required value={form.bulan} onChange={(e) => setForm({ ...form, bulan: e.target.value })} />
          </label>
          <label>
            {t('laporan.format')}
            <select value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value as 'xlsx' | 'pdf' })}>
              <option value="xlsx">XLSX</option>
              <option value="pdf">PDF</option>
            </select>
          </label>
        </div>
        <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
          {t('laporan.create')}
        </button>
        {create.isError && (
          <p role="alert" className="error">
            {create.error.message}
          </p>
        )}
      </form>

      <h2>{t('laporan.list')}</h2>
      <QueryStatus query={reports} isEmpty={(d) => d.items.length === 0} empty={<p>{t('laporan.empty')}</p>}>
        {(d) => (
          <ul className="plain-list">
            {d.items.map((r) => (
              <li key={r.id} data-testid="report">
                <strong>
                  {areaName(r.wilayah)} · {formatMonth(r.bulan)} · {r.format.toUpperCase()}
                </strong>{' '}
                {r.otomatis && <mark>{t('laporan.auto')}</mark>}
                <br />
                <small className="muted">{formatDateTime(r.dibuatPada, me.wilayah)}</small>{' '}
                {r.status === 'selesai' ? (
                  <a href={`/api/v1/reports/${r.id}/file`} download>
                    {t('laporan.download', { size: formatNumber(Math.max(1, Math.round((r.ukuran ?? 0) / 1024))) })}
                  </a>
                ) : r.status === 'gagal' ? (
                  <span className="error">{t('laporan.failed')}</span>
                ) : (
                  <progress value={r.progres} max={100} aria-label={t('laporan.progress')} />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}

import type { TeamDayRow } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseload, useRecap, useTeamDay } from '../../api/workforce-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber, formatTime, kmText } from '../../lib/format.js';
import { TeamMap } from './TeamMap.js';
import { TeamSyncStatus } from './TeamSyncStatus.js';
import { TableScroll } from '../../components/TableScroll.js';

const thisMonth = () => new Date().toISOString().slice(0, 7);

function TeamList({ rows }: { rows: TeamDayRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {rows.map((r) => (
        <li key={r.userId}>
          <strong>{r.nama ?? r.username}</strong> <small>{r.wilayah}</small> ·{' '}
          {r.presensi ? (
            <>
              {t(`kerja.status.${r.presensi.status}`)}
              {r.presensi.masukAt && ` ${formatTime(r.presensi.masukAt, r.wilayah)}`}{' '}
              {r.presensi.terlambat && <mark>{t('kerja.presensi.late')}</mark>}{' '}
              {r.presensi.jauh && <mark>{t('kerja.presensi.far', { km: kmText(r.presensi.masuk?.jarakKm ?? null) })}</mark>}
            </>
          ) : (
            <span className="muted">{t('kerja.tim.notCheckedIn')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The koordinator's team: who is in today and where, whose work is still on their device, the month's recap, and each caseload. */
export default function TimPage() {
  const { t } = useTranslation();
  const team = useTeamDay();
  const [bulan, setBulan] = useState(thisMonth());
  const recap = useRecap(bulan);
  const load = useCaseload();
  const aktif = new Map(load.data?.items.map((i) => [i.pendampingId, i.aktif]));

  return (
    <section>
      <h1>{t('kerja.tim.title')}</h1>
      <h2>{t('kerja.tim.today')}</h2>
      <QueryStatus query={team} isEmpty={(d) => d.items.length === 0} empty={null}>
        {(d) => (
          <>
            <p>
              {t('kerja.tim.present', { present: d.items.filter((r) => r.presensi?.masukAt).length, total: d.items.length })} ·{' '}
              {t('kerja.tim.flagged', { count: d.items.filter((r) => r.presensi?.jauh || r.presensi?.terlambat).length })}
            </p>
            <TeamMap rows={d.items} />
            <TeamList rows={d.items.filter((r) => r.presensi?.jauh || r.presensi?.terlambat)} />
            <details>
              <summary>{t('kerja.tim.everyone', { count: d.items.length })}</summary>
              <TeamList rows={d.items} />
            </details>
          </>
        )}
      </QueryStatus>

      <TeamSyncStatus />

      <h2>{t('kerja.tim.recap')}</h2>
      <div className="actions">
        <label>
          {t('kerja.tim.month')}
          <input type="month" value={bulan} max={thisMonth()} onChange={(e) => setBulan(e.target.value || thisMonth())} />
        </label>
        <a href={`/api/v1/attendance/recap?bulan=${bulan}&format=xlsx`} download>
          {t('kerja.tim.download', { format: 'XLSX' })}
        </a>
        <a href={`/api/v1/attendance/recap?bulan=${bulan}&format=csv`} download>
          {t('kerja.tim.download', { format: 'CSV' })}
        </a>
        <a href={`/api/v1/performance?year=${bulan.slice(0, 4)}&format=csv`} download>
          {t('kerja.kinerja.download')}
        </a>
      </div>
      {load.data && (
        <p className="muted">{t('kerja.tim.workloadNote', { rekomendasi: load.data.rekomendasi, maksimum: load.data.maksimum })}</p>
      )}
      <QueryStatus query={recap} isEmpty={(d) => d.items.length === 0} empty={null}>
        {(d) => (
          <TableScroll>
            <table>
              <thead>
                <tr>
                  <th>{t('kerja.tim.cols.nama')}</th>
                  <th>{t('kerja.tim.cols.hadir')}</th>
                  <th>{t('kerja.tim.cols.terlambat')}</th>
                  <th>{t('kerja.tim.cols.izin')}</th>
                  <th>{t('kerja.tim.cols.tanpaKeterangan')}</th>
                  <th>{t('kerja.tim.cols.tingkat')}</th>
                  <th>{t('kerja.tim.cols.aktif')}</th>
                  <th>{t('kerja.tim.cols.kinerja')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((r) => {
                  const cases = aktif.get(r.userId) ?? 0;
                  const max = load.data?.maksimum ?? 40;
                  return (
                    <tr key={r.userId}>
                      <td>
                        {r.nama ?? r.username}
                        <br />
                        <small>{r.wilayah}</small>
                      </td>
                      <td>
                        {r.hadir + r.dinasLuar}/{r.hariKerja}
                      </td>
                      <td>{r.terlambat}</td>
                      <td>{r.izin + r.sakit + r.cuti}</td>
                      <td>{r.tanpaKeterangan}</td>
                      <td>{formatNumber(r.tingkatKehadiran)}%</td>
                      <td>
                        {cases}
                        <span className="bar-track">
                          <span
                            className={`bar${cases > max ? ' over' : cases > (load.data?.rekomendasi ?? 25) ? ' under' : ''}`}
                            style={{ width: `${Math.min(100, (cases / max) * 100)}%` }}
                          />
                        </span>
                      </td>
                      <td>
                        <Link to={`/kinerja/${r.userId}`}>{t('kerja.tim.cols.kinerja')} →</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryStatus>
    </section>
  );
}

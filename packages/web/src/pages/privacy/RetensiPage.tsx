import type { LegalHoldView, RetentionResult } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { useLegalHolds, useReleaseHold, useRetention } from '../../api/privacy-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { TableScroll } from '../../components/TableScroll.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { ReasonForm } from './ReasonForm.js';

/**
 * Retensi data: the schedule and what is due (direktorat, national admin), and the area's legal
 * holds with their release (koordinator, direktorat, admin).
 */
export default function RetensiPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const readsSchedule = (me.role === 'direktorat' || me.role === 'admin') && me.wilayah === null;
  const retention = useRetention(readsSchedule);
  const [semua, setSemua] = useState(false);
  const holds = useLegalHolds(semua);
  return (
    <section>
      <h1>{t('privasi.title')}</h1>
      <p>{t('privasi.intro')}</p>
      {readsSchedule && (
        <QueryStatus query={retention} isEmpty={() => false} empty={null}>
          {(data) => <Schedule data={data} />}
        </QueryStatus>
      )}
      <article>
        <header>
          <h2>{t('privasi.holds')}</h2>
        </header>
        <p>{t('privasi.holdsIntro')}</p>
        <label>
          <input type="checkbox" role="switch" checked={semua} onChange={(e) => setSemua(e.target.checked)} />
          {t('privasi.showReleased')}
        </label>
        <QueryStatus query={holds} isEmpty={(list) => list.length === 0} empty={<p>{t('privasi.noHolds')}</p>}>
          {(list) => (
            <ul className="holds">
              {list.map((hold) => (
                <HoldItem key={hold.id} hold={hold} wilayah={me.wilayah} />
              ))}
            </ul>
          )}
        </QueryStatus>
      </article>
    </section>
  );
}

function Schedule({ data }: { data: RetentionResult }) {
  const { t } = useTranslation();
  return (
    <>
      <article>
        <header>
          <h2>{t('privasi.schedule')}</h2>
        </header>
        <TableScroll label={t('privasi.schedule')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privasi.jenis')}</th>
                <th scope="col">{t('privasi.hari')}</th>
                <th scope="col">{t('privasi.tindakan')}</th>
                <th scope="col">{t('privasi.dasar')}</th>
              </tr>
            </thead>
            <tbody>
              {data.jadwal.map((rule) => (
                <tr key={rule.jenis}>
                  <td>{rule.label}</td>
                  <td>{t('privasi.days', { count: rule.hari })}</td>
                  <td>{t(`privasi.actions.${rule.tindakan}`)}</td>
                  <td>
                    {rule.dasar}
                    {rule.toConfirm && (
                      <>
                        {' '}
                        <mark>{t('privasi.toConfirm')}</mark>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </article>
      <article>
        <header>
          <h2>{t('privasi.due')}</h2>
        </header>
        <dl className="facts">
          {(Object.keys(data.jumlah) as Array<keyof RetentionResult['jumlah']>).map((key) => (
            <div key={key}>
              <dt>{t(`privasi.dueCounts.${key}`)}</dt>
              <dd>{formatNumber(data.jumlah[key])}</dd>
            </div>
          ))}
        </dl>
      </article>
    </>
  );
}

function HoldItem({ hold, wilayah }: { hold: LegalHoldView; wilayah: string | null }) {
  const { t } = useTranslation();
  const release = useReleaseHold();
  return (
    <li>
      <p>
        {hold.caseId ? (
          <Link to={`/kasus/${hold.caseId}`}>{t('privasi.case')}</Link>
        ) : (
          <Link to={`/penerima-manfaat/${hold.beneficiaryId}`}>{t('privasi.person')}</Link>
        )}{' '}
        · {hold.wilayah} · {t('privasi.placedAt')} {formatDateTime(hold.dibuatPada, wilayah)}
        {hold.dicabutPada ? (
          <>
            {' '}
            · {t('privasi.releasedAt')} {formatDateTime(hold.dicabutPada, wilayah)}
          </>
        ) : (
          <>
            {' '}
            <mark>{t('privasi.inForce')}</mark>
          </>
        )}
      </p>
      <p>
        <strong>{t('privasi.reason')}:</strong> {hold.alasan}
        {hold.alasanCabut && (
          <>
            <br />
            <strong>{t('privasi.releaseReason')}:</strong> {hold.alasanCabut}
          </>
        )}
      </p>
      {!hold.dicabutPada && (
        <ReasonForm
          opener={t('privasi.release')}
          label={t('privasi.releaseReason')}
          submit={t('privasi.releaseSubmit')}
          action={(alasan) => release.mutateAsync({ id: hold.id, alasan })}
          pending={release.isPending}
          error={release.error}
        />
      )}
    </li>
  );
}

import type { TrainingRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckinToken } from '../../api/training-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';

/** The organiser's screen of one session: the rotating QR code participants scan, with its link. */
export function CheckinQr({ training }: { training: TrainingRecord }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<string | null>(null);
  const token = useCheckinToken(training.id, unit);
  return (
    <details onToggle={(e) => setUnit((e.target as HTMLDetailsElement).open ? (unit ?? training.units[0]?.kode ?? null) : null)}>
      <summary>{t('pelatihan.qrShow')}</summary>
      <label>
        {t('pelatihan.qrUnit')}
        <select value={unit ?? ''} onChange={(e) => setUnit(e.target.value)}>
          {training.units.map((u) => (
            <option key={u.kode} value={u.kode}>
              {u.nama}
            </option>
          ))}
        </select>
      </label>
      {unit !== null && (
        <QueryStatus query={token} isEmpty={() => false} empty={null}>
          {(qr) => (
            <figure>
              {/* An <img> of the server's SVG: it is drawn, never run as markup in the page. */}
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`}
                alt={t('pelatihan.qrImage', { unit: qr.unit })}
                width={280}
                height={280}
              />
              <figcaption>
                <small>
                  {t('pelatihan.qrHint')} {t('pelatihan.qrValidUntil', { jam: new Date(qr.berlakuSampai).toLocaleTimeString('id-ID') })}
                </small>
                <br />
                <a href={qr.url} data-testid="checkin-link">
                  {qr.url}
                </a>
              </figcaption>
            </figure>
          )}
        </QueryStatus>
      )}
    </details>
  );
}

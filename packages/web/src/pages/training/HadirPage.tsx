import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQrCheckIn } from '../../api/training-queries.js';

/**
 * What the session's QR code opens on the participant's phone: the check-in is sent at once; the
 * code can also be typed in (no camera library is needed: the phone's camera app opens the link).
 */
export default function HadirPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('t') ?? '');
  const checkIn = useQrCheckIn(id);
  const sent = useRef(false);
  useEffect(() => {
    // Once per opened link, even under React's double effects in development.
    if (sent.current || !params.get('t')) return;
    sent.current = true;
    checkIn.mutate(params.get('t')!);
  }, [params, checkIn]);
  const unit = token.split('.')[0] ?? '';
  return (
    <section>
      <h1>{t('pelatihan.hadirTitle')}</h1>
      {checkIn.data && (
        <p role="status">
          {checkIn.data.terlambat.includes(unit) ? t('pelatihan.hadirLate', { unit }) : t('pelatihan.hadirDone', { unit })}
        </p>
      )}
      {checkIn.error && (
        <p role="alert" className="error">
          {checkIn.error.message}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          checkIn.mutate(token.trim());
        }}
      >
        <label>
          {t('pelatihan.hadirToken')}
          <input value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" disabled={checkIn.isPending} aria-busy={checkIn.isPending}>
          {t('pelatihan.hadirSubmit')}
        </button>
      </form>
      <p>
        <Link to="/pelatihan">{t('pelatihan.mine')}</Link>
      </p>
    </section>
  );
}

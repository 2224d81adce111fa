import { useTranslation } from 'react-i18next';

/** The one-time recovery codes, shown once after enabling or renewing, with the button that hides them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('akun.twoFactor.recoveryTitle')}</h3>
      <p>{t('akun.twoFactor.recoveryIntro')}</p>
      <ul className="recovery-codes" aria-label={t('akun.twoFactor.recoveryTitle')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDone}>
        {t('akun.twoFactor.recoveryDone')}
      </button>
    </>
  );
}

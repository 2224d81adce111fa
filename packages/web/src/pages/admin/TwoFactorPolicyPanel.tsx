import { useTranslation } from 'react-i18next';
import { useSetTwoFactorPolicy, useTwoFactorPolicy } from '../../api/admin-queries.js';

/** The national admin chooses which roles must sign in with an authenticator code; it holds from their next request. */
export function TwoFactorPolicyPanel() {
  const { t } = useTranslation();
  const policy = useTwoFactorPolicy(true);
  const set = useSetTwoFactorPolicy();
  return (
    <details>
      <summary>{t('admin.twoFactorPolicy.title')}</summary>
      <p>{t('admin.twoFactorPolicy.intro')}</p>
      <fieldset aria-label={t('admin.twoFactorPolicy.title')} disabled={set.isPending}>
        <ul className="plain-list">
          {policy.data?.map((p) => (
            <li key={p.role}>
              <label>
                <input type="checkbox" checked={p.wajib} onChange={(e) => set.mutate({ role: p.role, wajib: e.target.checked })} />
                {t(`roles.${p.role}`)}
              </label>{' '}
              <small className="muted">
                {p.sumber === 'pengguna' ? t('admin.twoFactorPolicy.setHere') : t('admin.twoFactorPolicy.fromSettings')}
              </small>
            </li>
          ))}
        </ul>
      </fieldset>
      {set.isSuccess && <p role="status">{t('admin.twoFactorPolicy.saved')}</p>}
      {(set.error ?? policy.error) && (
        <p role="alert" className="error">
          {(set.error ?? policy.error)!.message}
        </p>
      )}
    </details>
  );
}

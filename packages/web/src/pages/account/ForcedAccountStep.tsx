import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../../api/auth-queries.js';
import { useMe } from '../../api/queries.js';

/** A step the account must take before anything else (a new password, two-step verification); signing out is the only way around it. */
export function ForcedAccountStep({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <main className="login">
      <article>
        <header>
          <h1>{title}</h1>
          <p>{me.username}</p>
        </header>
        {children}
        <footer>
          <button type="button" className="secondary outline" onClick={() => void logout().then(() => navigate('/masuk'))}>
            {t('akun.logout')}
          </button>
        </footer>
      </article>
    </main>
  );
}

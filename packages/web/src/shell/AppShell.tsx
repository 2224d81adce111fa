import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useMe } from '../api/queries.js';
import { setLanguage, type Language } from '../i18n/index.js';
import { NAV_BY_ROLE } from './nav.js';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function AppShell() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const online = useOnline();
  const items = NAV_BY_ROLE[me.role];

  const logout = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    queryClient.clear();
    navigate('/masuk');
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#isi">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <strong className="brand">{t('app.name')}</strong>
        <span className="who">
          {me.username} · {t(`roles.${me.role}`)}
        </span>
        <Link to="/akun/kata-sandi" className="search-link" aria-label={t('akun.menu')} title={t('akun.menu')}>
          <span aria-hidden="true">⚙</span>
        </Link>
        <Link to="/cari" className="search-link" aria-label={t('search.title')}>
          <span aria-hidden="true">⌕</span>
          <span className="search-text">{t('common.search')}</span>
        </Link>
        <label className="lang">
          <span className="visually-hidden">{t('common.language')}</span>
          <select value={i18n.language} onChange={(e) => void setLanguage(e.target.value as Language)} aria-label={t('common.language')}>
            <option value="id">ID</option>
            <option value="en">EN</option>
          </select>
        </label>
        <button type="button" className="secondary outline logout" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </header>
      {!online && (
        <p className="offline" role="status">
          {t('common.offline')}
        </p>
      )}
      <nav className="mainnav" aria-label={t('nav.menu')}>
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'}>
                <span aria-hidden="true" className="icon">
                  {item.icon}
                </span>
                <span className="label">{t(item.label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="isi" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { Search, Settings } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useDisasters } from '../api/disaster-queries.js';
import { outboxSnapshot, startOutbox, useOutbox } from '../api/outbox.js';
import { startSync } from '../api/sync.js';
import { useSyncStatusReport } from '../api/sync-status.js';
import { wipeDevice } from '../offline/persist.js';
import { checkDeviceKeyOnce } from '../offline/vault.js';
import { useMe } from '../api/queries.js';
import { setLanguage, type Language } from '../i18n/index.js';
import { useOnline } from '../lib/use-online.js';
import { MainNav } from './MainNav.js';
import { NAV_BY_ROLE } from './nav.js';

/** The count of unsent writes on every screen; opens the outbox. */
function OutboxCount() {
  const { t } = useTranslation();
  const entries = useOutbox();
  if (entries.length === 0) return null;
  const problems = entries.filter((e) => e.status === 'konflik' || e.status === 'ditolak').length;
  return (
    <Link to="/kirim" className={`outbox-count${problems > 0 ? ' problem' : ''}`} data-testid="outbox-count">
      {t('luring.unsent', { count: entries.length })}
      {problems > 0 && <> · {t('luring.problems', { count: problems })}</>}
    </Link>
  );
}

export function AppShell() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const online = useOnline();
  // A pendamping's Bencana appears while an event is open to them (deployed, or in their area);
  // asked again at each start (a kept answer may predate this morning's deployment).
  const conditional = NAV_BY_ROLE[me.role].some((item) => item.whenDisasters);
  const events = useDisasters({ aktif: true }, { enabled: conditional, staleTime: 0 });
  const items = NAV_BY_ROLE[me.role].filter((item) => !item.whenDisasters || (events.data?.length ?? 0) > 0);

  // Issue 17: the outbox runs while signed in; the working set is brought to the device now and
  // whenever the signal returns.
  useEffect(() => startOutbox(me.id, queryClient), [me.id, queryClient]);
  // The device key is asked again at each start online: one the server no longer gives (session
  // revoked, account disabled) is forgotten, and what this device keeps stays sealed.
  useEffect(() => {
    if (navigator.onLine) void checkDeviceKeyOnce(me.id);
  }, [me.id]);
  useEffect(
    () => startSync(queryClient, me),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [me.id, me.role, queryClient],
  );
  // The koordinator's Tim page shows what this device still holds.
  useSyncStatusReport(me);

  const logout = async () => {
    const unsent = outboxSnapshot().length;
    if (unsent > 0 && !window.confirm(t('luring.logoutConfirm', { count: unsent }))) return;
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    queryClient.clear();
    // No personal data stays on the device: the kept working set and the outbox go.
    await wipeDevice().catch(() => undefined);
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
          <Settings aria-hidden="true" size={22} strokeWidth={1.75} />
        </Link>
        {/* Named by the word it shows on a laptop ("Cari"), so a voice command for what is seen works (WCAG 2.5.3). */}
        <Link to="/cari" className="search-link" aria-label={t('common.search')}>
          <Search aria-hidden="true" size={22} strokeWidth={1.75} />
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
      <OutboxCount />
      <MainNav items={items} />
      <main id="isi" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

import type { Role } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndSessions, useResetPassword, useResetTwoFactor, useUpdateUser, useUser, useUserSessions } from '../../api/admin-queries.js';
import type { Me } from '../../api/types.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';
import { AccountArea, grantable, RoleSelect, TemporaryPassword } from './UserFormParts.js';

/** One account: name, role and area, enable/disable, password and second-factor reset, sessions, assignment history. */
/** Removing a lost second factor: only an admin, never on one's own account, always with a reason. */
function TwoFactorReset({ me, id, aktif, onDone }: { me: Me; id: string; aktif: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetTwoFactor(id);
  const [alasan, setAlasan] = useState<string | null>(null);
  const allowed = me.role === 'admin' && me.id !== id;
  return (
    <section aria-labelledby="dua-langkah">
      <h3 id="dua-langkah">{t('admin.users.twoFactor')}</h3>
      <p data-testid="two-factor-status">{aktif ? t('admin.users.twoFactorOn') : t('admin.users.twoFactorOff')}</p>
      {reset.isSuccess && <p role="status">{t('admin.users.twoFactorResetDone', { count: reset.data.ended })}</p>}
      {aktif && allowed && alasan === null && (
        <button type="button" className="secondary" onClick={() => setAlasan('')}>
          {t('admin.users.twoFactorReset')}
        </button>
      )}
      {aktif && allowed && alasan !== null && (
        <form
          aria-label={t('admin.users.twoFactorReset')}
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate(alasan, {
              onSuccess: () => {
                setAlasan(null);
                onDone();
              },
            });
          }}
        >
          <label>
            {t('admin.users.twoFactorReason')}
            <textarea required minLength={10} maxLength={500} rows={2} value={alasan} onChange={(e) => setAlasan(e.target.value)} />
          </label>
          <small className="muted">{t('admin.users.twoFactorResetNote')}</small>
          {reset.isError && (
            <p role="alert" className="error">
              {reset.error.message}
            </p>
          )}
          <button type="submit" aria-busy={reset.isPending} disabled={reset.isPending}>
            {t('admin.users.twoFactorResetConfirm')}
          </button>
        </form>
      )}
    </section>
  );
}

export function UserPanel({ me, id, onClose }: { me: Me; id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser(id);
  const sessions = useUserSessions(id);
  const update = useUpdateUser(id);
  const reset = useResetPassword(id);
  const end = useEndSessions(id);
  const [draft, setDraft] = useState<{ namaLengkap: string; role: Role; wilayah: string | null } | null>(null);
  if (!user.data)
    return (
      <QueryStatus query={user} isEmpty={() => false} empty={null}>
        {() => null}
      </QueryStatus>
    );
  const u = user.data;
  const form = draft ?? { namaLengkap: u.namaLengkap ?? '', role: u.role, wilayah: u.wilayah };
  const roles = grantable(me).includes(u.role) ? grantable(me) : [u.role, ...grantable(me)];
  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        namaLengkap: form.namaLengkap.trim() || null,
        ...(form.role !== u.role && { role: form.role }),
        ...(form.wilayah !== u.wilayah && { wilayah: form.wilayah }),
      },
      {
        onSuccess: () => {
          setDraft(null);
          void user.refetch();
          void sessions.refetch();
        },
      },
    );
  };
  const toggle = () => {
    if (!u.disabled && !window.confirm(t('admin.users.disableConfirm', { username: u.username }))) return;
    update.mutate(
      { disabled: !u.disabled },
      {
        onSuccess: () => {
          void user.refetch();
          void sessions.refetch();
        },
      },
    );
  };
  const error = update.error ?? reset.error ?? end.error;
  return (
    <article aria-label={t('admin.users.manage', { username: u.username })} className="user-panel">
      <header className="actions">
        <h2>
          {u.username} {u.disabled && <mark>{t('admin.users.disabled')}</mark>}
        </h2>
        <button className="secondary" onClick={onClose}>
          {t('admin.users.close')}
        </button>
      </header>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {reset.data && <TemporaryPassword username={u.username} password={reset.data.temporaryPassword} />}
      <form onSubmit={save}>
        <div className="grid">
          <label>
            {t('admin.users.nama')}
            <input value={form.namaLengkap} onChange={(e) => setDraft({ ...form, namaLengkap: e.target.value })} maxLength={200} />
          </label>
          <RoleSelect roles={roles} value={form.role} onChange={(r) => setDraft({ ...form, role: r })} />
        </div>
        <AccountArea value={form.wilayah} onChange={(w) => setDraft({ ...form, wilayah: w })} fixed={me.wilayah} />
        <p className="muted">{t('admin.users.narrowNote')}</p>
        <div className="actions">
          <button type="submit" disabled={draft === null || update.isPending} aria-busy={update.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className={u.disabled ? '' : 'secondary'} onClick={toggle} disabled={update.isPending || u.id === me.id}>
            {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              window.confirm(t('admin.users.resetConfirm', { username: u.username })) &&
              reset.mutate(undefined, { onSuccess: () => void sessions.refetch() })
            }
            disabled={reset.isPending || u.id === me.id}
          >
            {t('admin.users.reset')}
          </button>
        </div>
      </form>

      <TwoFactorReset
        me={me}
        id={u.id}
        aktif={u.duaLangkahAktif}
        onDone={() => {
          void user.refetch();
          void sessions.refetch();
        }}
      />

      <h3>{t('admin.users.sessions')}</h3>
      <QueryStatus query={sessions} isEmpty={(d) => d.length === 0} empty={<p className="muted">{t('admin.users.noSessions')}</p>}>
        {(list) => (
          <>
            <ul className="plain-list">
              {list.map((s) => (
                <li key={s.id}>
                  {t('admin.users.sessionSince', {
                    at: formatDateTime(s.createdAt, u.wilayah),
                    seen: formatDateTime(s.lastSeenAt, u.wilayah),
                  })}{' '}
                  <small className="muted">{[s.ip, s.userAgent].filter(Boolean).join(' · ')}</small>{' '}
                  <button className="secondary small" onClick={() => end.mutate(s.id, { onSuccess: () => void sessions.refetch() })}>
                    {t('admin.users.endSession')}
                  </button>
                </li>
              ))}
            </ul>
            <button className="secondary" onClick={() => end.mutate(null, { onSuccess: () => void sessions.refetch() })}>
              {t('admin.users.endAll', { count: list.length })}
            </button>
          </>
        )}
      </QueryStatus>

      <h3>{t('admin.users.history')}</h3>
      <ul className="plain-list">
        {u.riwayatPenugasan.map((h, i) => (
          <li key={`${h.sejak}-${i}`}>
            {h.wilayah ?? t('admin.users.national')}{' '}
            <small className="muted">{t('admin.users.since', { at: formatDateTime(h.sejak, h.wilayah) })}</small>
          </li>
        ))}
      </ul>
    </article>
  );
}

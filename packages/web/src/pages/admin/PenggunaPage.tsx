import type { LastSignIn, Role, UserRecord } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCreateUser,
  useEndSessions,
  useResetPassword,
  useUpdateUser,
  useUser,
  useUsers,
  useUserSessions,
  type UserFilters,
} from '../../api/admin-queries.js';
import { useMe } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';
import { AreaSelect } from './AreaSelect.js';

const ROLES: Role[] = ['pendamping', 'koordinator', 'direktorat', 'admin', 'auditor'];
const SIGN_IN: LastSignIn[] = ['never', 'within30d', 'over30d', 'over90d'];
const PAGE_SIZE = 25;

/** The roles the signed-in user may give: what the server's policy allows. */
const grantable = (me: Me): Role[] => (me.role === 'admin' ? ROLES : ['pendamping']);

/** The one-time password, shown once with what to do with it. */

/** The role of an account, among those the signed-in user may grant. */
function RoleSelect({ roles, value, onChange }: { roles: readonly Role[]; value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('admin.users.role')}
      <select value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The account's area, and what it means (an area code, or national). */
function AccountArea({
  value,
  onChange,
  fixed,
}: {
  value: string | null;
  onChange: (wilayah: string | null) => void;
  fixed: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <AreaSelect value={value} onChange={onChange} fixed={fixed} label={t('admin.users.area')} />
      <small className="muted">{value ? t('admin.users.areaChosen', { kode: value }) : t('admin.users.national')}</small>
    </>
  );
}

function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status">
      <p>{t('admin.users.temporary', { username })}</p>
      <p>
        <code className="temporary-password">{password}</code>
      </p>
      <small>{t('admin.users.temporaryNote')}</small>
    </div>
  );
}

function CreateForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const roles = grantable(me);
  const [username, setUsername] = useState('');
  const [nama, setNama] = useState('');
  const [role, setRole] = useState<Role>(roles[0]!);
  const [wilayah, setWilayah] = useState<string | null>(me.wilayah);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ username: username.trim(), namaLengkap: nama.trim() || null, role, wilayah });
  };
  if (create.data?.temporaryPassword) {
    return (
      <article>
        <TemporaryPassword username={create.data.username} password={create.data.temporaryPassword} />
        <div className="actions">
          <button
            onClick={() => {
              create.reset();
              setUsername('');
              setNama('');
            }}
          >
            {t('admin.users.createAnother')}
          </button>
          <button className="secondary" onClick={onDone}>
            {t('admin.users.close')}
          </button>
        </div>
      </article>
    );
  }
  return (
    <article>
      <form onSubmit={submit} aria-label={t('admin.users.create')}>
        <h2>{t('admin.users.create')}</h2>
        <div className="grid">
          <label>
            {t('admin.users.username')}
            <input
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]{2,63}"
              autoComplete="off"
              aria-describedby="username-help"
            />
            <small id="username-help">{t('admin.users.usernameHelp')}</small>
          </label>
          <label>
            {t('admin.users.nama')}
            <input value={nama} onChange={(e) => setNama(e.target.value)} maxLength={200} />
          </label>
          <RoleSelect roles={roles} value={role} onChange={setRole} />
        </div>
        <AccountArea value={wilayah} onChange={setWilayah} fixed={me.wilayah} />
        {create.error && (
          <p role="alert" className="error">
            {create.error.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
            {t('admin.users.createSubmit')}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </article>
  );
}

function UserPanel({ me, id, onClose }: { me: Me; id: string; onClose: () => void }) {
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

function UserRow({ u, onOpen }: { u: UserRecord; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <strong>{u.username}</strong>
        {u.namaLengkap && <div>{u.namaLengkap}</div>}
      </td>
      <td>{t(`roles.${u.role}`)}</td>
      <td>{u.wilayah ?? t('admin.users.national')}</td>
      <td>
        {u.disabled ? <mark>{t('admin.users.disabled')}</mark> : t('admin.users.active')}
        {u.mustChangePassword && (
          <div>
            <small className="muted">{t('admin.users.mustChange')}</small>
          </div>
        )}
      </td>
      <td>
        {u.lastSignInAt ? formatDateTime(u.lastSignInAt, u.wilayah) : <span className="muted">{t('admin.users.neverSignedIn')}</span>}
      </td>
      <td>
        <button className="secondary small" onClick={onOpen} aria-label={t('admin.users.manage', { username: u.username })}>
          {t('admin.users.open')}
        </button>
      </td>
    </tr>
  );
}

/** Pengguna (issue 20): the accounts an admin (or a koordinator, its area's pendamping) manages. */
export default function PenggunaPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [filters, setFilters] = useState<UserFilters>({ page: 1, pageSize: PAGE_SIZE });
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const users = useUsers(filters);
  const set = (change: Partial<UserFilters>) => setFilters({ ...filters, ...change, page: 1 });
  return (
    <section>
      <header className="actions">
        <h1>{t('admin.users.title')}</h1>
        {!creating && <button onClick={() => setCreating(true)}>{t('admin.users.create')}</button>}
      </header>
      <p className="muted">{me.role === 'admin' ? t('admin.users.introAdmin') : t('admin.users.introKoordinator')}</p>
      {creating && <CreateForm me={me} onDone={() => setCreating(false)} />}
      {open && <UserPanel key={open} me={me} id={open} onClose={() => setOpen(null)} />}

      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || undefined });
        }}
      >
        <input
          type="search"
          aria-label={t('admin.users.search')}
          placeholder={t('admin.users.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {me.role === 'admin' && (
          <label>
            {t('admin.users.role')}
            <select value={filters.role ?? ''} onChange={(e) => set({ role: (e.target.value || undefined) as Role | undefined })}>
              <option value="">{t('admin.users.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('admin.users.status')}
          <select
            value={filters.aktif === undefined ? '' : String(filters.aktif)}
            onChange={(e) => set({ aktif: e.target.value === '' ? undefined : e.target.value === 'true' })}
          >
            <option value="">{t('admin.users.allStatus')}</option>
            <option value="true">{t('admin.users.active')}</option>
            <option value="false">{t('admin.users.disabled')}</option>
          </select>
        </label>
        <label>
          {t('admin.users.lastSignIn')}
          <select
            value={filters.lastSignIn ?? ''}
            onChange={(e) => set({ lastSignIn: (e.target.value || undefined) as LastSignIn | undefined })}
          >
            <option value="">{t('admin.users.anyTime')}</option>
            {SIGN_IN.map((s) => (
              <option key={s} value={s}>
                {t(`admin.users.signIn.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <AreaSelect
          value={filters.wilayah ?? null}
          onChange={(w) => set({ wilayah: w && w !== me.wilayah ? w : undefined })}
          fixed={me.wilayah}
          label={t('admin.users.area')}
        />
        <button type="submit">{t('common.search')}</button>
      </form>

      <QueryStatus query={users} isEmpty={(d) => d.items.length === 0} empty={<p>{t('admin.users.none')}</p>}>
        {(d) => (
          <>
            <p className="muted">{t('common.total', { count: d.total })}</p>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('admin.users.username')}</th>
                    <th>{t('admin.users.role')}</th>
                    <th>{t('admin.users.area')}</th>
                    <th>{t('admin.users.status')}</th>
                    <th>{t('admin.users.lastSignIn')}</th>
                    <th>
                      <span className="visually-hidden">{t('admin.users.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((u) => (
                    <UserRow
                      key={u.id}
                      u={u}
                      onOpen={() => {
                        setOpen(u.id);
                        window.scrollTo({ top: 0 });
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={filters.page} total={d.total} pageSize={PAGE_SIZE} onPage={(page) => setFilters({ ...filters, page })} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}

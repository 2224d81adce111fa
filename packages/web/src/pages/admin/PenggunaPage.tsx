import type { LastSignIn, Role, UserRecord } from '@tuntas/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useUsers, type UserFilters } from '../../api/admin-queries.js';
import { useMe } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';
import { AreaSelect } from './AreaSelect.js';
import { AccountArea, grantable, RoleSelect, ROLES, TemporaryPassword } from './UserFormParts.js';
import { StaffImportPanel } from './StaffImportPanel.js';
import { TwoFactorPolicyPanel } from './TwoFactorPolicyPanel.js';
import { UserPanel } from './UserPanel.js';
import { TableScroll } from '../../components/TableScroll.js';
import { AreaName } from '../../components/AreaName.js';

const SIGN_IN: LastSignIn[] = ['never', 'within30d', 'over30d', 'over90d'];
const PAGE_SIZE = 25;

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

function UserRow({ u, onOpen }: { u: UserRecord; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <strong>{u.username}</strong>
        {u.namaLengkap && <div>{u.namaLengkap}</div>}
      </td>
      <td>{t(`roles.${u.role}`)}</td>
      <td>{u.wilayah ? <AreaName code={u.wilayah} /> : t('admin.users.national')}</td>
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
      <StaffImportPanel />
      {me.role === 'admin' && me.wilayah === null && <TwoFactorPolicyPanel />}
      {open && <UserPanel key={open} me={me} id={open} onClose={() => setOpen(null)} />}

      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || undefined });
        }}
      >
        <label className="filters-search">
          {t('admin.users.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
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
            <TableScroll>
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
            </TableScroll>
            <Pager page={filters.page} total={d.total} pageSize={PAGE_SIZE} onPage={(page) => setFilters({ ...filters, page })} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}

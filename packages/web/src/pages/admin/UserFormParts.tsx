import type { Role } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types.js';
import { AreaSelect } from './AreaSelect.js';

/** Pieces of the account forms shared by the Pengguna list (create) and one account's panel. */
export const ROLES: Role[] = ['pendamping', 'koordinator', 'direktorat', 'admin', 'auditor'];
/** The roles the signed-in user may give: what the server's policy allows. */
export const grantable = (me: Me): Role[] => (me.role === 'admin' ? ROLES : ['pendamping']);

/** The role of an account, among those the signed-in user may grant. */
export function RoleSelect({ roles, value, onChange }: { roles: readonly Role[]; value: Role; onChange: (role: Role) => void }) {
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
export function AccountArea({
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

/** The one-time password, shown once with what to do with it. */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
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

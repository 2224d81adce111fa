import type { Role } from '@tuntas/domain';

export interface DemoAccount {
  username: string;
  role: Role;
  wilayah: string | null;
  namaLengkap: string;
}

/** The contract's demo accounts (CONTRACT.md, "Demo accounts"). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', wilayah: null, namaLengkap: 'Admin Tuntas' },
  { username: 'direktorat', role: 'direktorat', wilayah: null, namaLengkap: 'Direktorat RSKBK' },
  { username: 'auditor', role: 'auditor', wilayah: null, namaLengkap: 'Auditor Inspektorat' },
  { username: 'koordinator.35', role: 'koordinator', wilayah: '35', namaLengkap: 'Koordinator Jawa Timur' },
  { username: 'koordinator.31', role: 'koordinator', wilayah: '31', namaLengkap: 'Koordinator DKI Jakarta' },
  { username: 'pendamping.35.10', role: 'pendamping', wilayah: '35.10', namaLengkap: 'Pendamping Kab. Banyuwangi' },
  { username: 'pendamping.31.71', role: 'pendamping', wilayah: '31.71', namaLengkap: 'Pendamping Kota Jakarta Pusat' },
];

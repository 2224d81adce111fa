import type { BeneficiaryRecord, Role } from '@tuntas/domain';

export interface Me {
  id: string;
  username: string;
  role: Role;
  wilayah: string | null;
  /** The person's full name (from GET /auth/me), for greeting them; the username when there is none. */
  namaLengkap?: string | null;
  /** An admin set the password: the app shows only the change-password screen until it is replaced. */
  mustChangePassword: boolean;
  /** Sign-in asks this user for a code from their authenticator app. */
  twoFactorEnabled: boolean;
  /** The role must sign in with two factors: until it is on, the app shows only its setup. */
  twoFactorRequired: boolean;
}

export interface Wilayah {
  kode: string;
  nama: string;
  tingkat: number;
  induk: string | null;
  zonaWaktu: 'WIB' | 'WITA' | 'WIT';
}

export type Beneficiary = BeneficiaryRecord;

import { Type } from 'typebox';
import { StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

export const RoleSchema = Type.Union([
  Type.Literal('pendamping'),
  Type.Literal('koordinator'),
  Type.Literal('direktorat'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
]);

export const UserSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  role: RoleSchema,
  wilayah: Type.Union([Type.String(), Type.Null()], { description: 'Area-code scope; null = national' }),
  namaLengkap: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: 'An admin set the password; the user must replace it at first sign-in' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'The last sign-in; null: never signed in' }),
});

export const UserDetailSchema = Type.Object({
  ...UserSchema.properties,
  riwayatPenugasan: Type.Array(
    Type.Object({ wilayah: Type.Union([Type.String(), Type.Null()]), sejak: Type.String({ format: 'date-time' }) }),
    {
      description: 'Every area the account was assigned to, newest first',
    },
  ),
  duaLangkahAktif: Type.Boolean({ description: 'Sign-in asks for an authenticator code' }),
});

export const SessionSchema = Type.Object({
  id: Type.String({ description: 'A handle of the session (never its token)' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export const SessionHandle = Type.String({ pattern: '^[0-9a-f]{16}$' });

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' });
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const NewUserBody = StrictObject({
  username: Username,
  password: Type.Optional(
    Type.Union([Password, Type.Null()], { description: 'Omitted or null: a temporary password is generated and returned once' }),
  ),
  role: RoleSchema,
  wilayah: Type.Optional(Type.Union([WilayahCode, Type.Null()])),
  namaLengkap: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});

export const UserPatchBody = StrictObject({
  role: Type.Optional(RoleSchema),
  wilayah: Type.Optional(Type.Union([WilayahCode, Type.Null()])),
  disabled: Type.Optional(Type.Boolean()),
  namaLengkap: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});

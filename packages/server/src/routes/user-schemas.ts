import { Type } from 'typebox';
import { StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

export const RoleSchema = Type.Union([
  Type.Literal('pendamping'),
  Type.Literal('koordinator'),
  Type.Literal('direktorat'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
]);

export const UserSchema = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    role: RoleSchema,
    wilayah: Type.Union([Type.String(), Type.Null()], { description: 'Area-code scope; null = national' }),
    namaLengkap: Type.Union([Type.String(), Type.Null()]),
    disabled: Type.Boolean(),
    mustChangePassword: Type.Boolean({ description: 'An admin set the password; the user must replace it at first sign-in' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
);

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' });
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const NewUserBody = StrictObject({
  username: Username,
  password: Password,
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

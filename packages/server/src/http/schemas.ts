import { Type, type TObject, type TProperties, type TSchema } from 'typebox';
import { INT_MAX } from './validator.js';

/** Request objects refuse unknown fields: a typo in a field name is an error, not a silent no-op. */
export const StrictObject = <P extends TProperties>(properties: P, options: { description?: string } = {}): TObject<P> =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable error code' }),
    message: Type.String({ description: 'Human text, Indonesian unless Accept-Language asks for English' }),
    details: Type.Optional(Type.Unknown()),
  }),
});

/** A background job's row (a report, an import): waiting, running, done, failed. */
export const JobStatus = Type.Union([Type.Literal('antre'), Type.Literal('proses'), Type.Literal('selesai'), Type.Literal('gagal')]);

export const Uuid = Type.String({ format: 'uuid' });

/** A string from a fixed list (an enum in the OpenAPI document), typed as that union. */
export const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const WilayahCode = Type.String({
  pattern: '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$',
  description: 'Kemendagri area code: PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV',
});

/** A page past the `integer` range is a 400, not an offset the database cannot take. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: INT_MAX, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** The error responses every authenticated route may give, declared once for the OpenAPI document. */
export const authErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
};

import { errorStatus, type ErrorCode } from '@tuntas/domain';

/** A failure the client can act on: a stable code from the catalogue, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, details?: unknown, headers: Record<string, string> = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus(code);
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');

/** A 422 (or other catalogue code) naming the field and why, the shape every form error of the API has. */
export const fieldError = (code: ErrorCode, field: string, reason: string): AppError => new AppError(code, [{ field, code: reason }]);
export const forbidden = (): AppError => new AppError('FORBIDDEN');

/**
 * 409 VERSION_CONFLICT carrying the record as it is now, through the same view the caller reads
 * it with (a protected identity stays masked): `error.details.current`, so an offline client can
 * show both versions instead of overwriting either. Without a record (gone from the caller's
 * scope meanwhile) only the code.
 */
export const versionConflict = (current: { version: number } | null | undefined): AppError =>
  new AppError('VERSION_CONFLICT', current ? { currentVersion: current.version, current } : undefined);

import { errorMessage, localeFromAcceptLanguage, type ErrorCode } from '@tuntas/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

interface ValidationIssue {
  path: string;
  message: string;
}

/** Fastify's own failures, translated into catalogue codes so clients see one error shape. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** What PostgreSQL (node-postgres or PGlite) puts on an error; `detail` holds row values and is never logged. */
interface DatabaseError {
  code: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

/** The error as the database's, when it is one (a five-character SQLSTATE and a severity). */
function databaseError(error: unknown): DatabaseError | null {
  if (typeof error !== 'object' || error === null || !('severity' in error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? (error as DatabaseError) : null;
}

/**
 * Data exceptions a client's value can cause past validation (a date out of range, a number too
 * large for its column, text the encoding cannot hold): the request is wrong, not the server.
 */
const CLIENT_DATA_ERRORS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

/** The database's own words about an error, without the values of the row (personal data). */
const databaseLog = (error: DatabaseError) => ({
  sqlstate: error.code,
  constraint: error.constraint,
  table: error.table,
  column: error.column,
  routine: error.routine,
});

function classify(error: FastifyError): { code: ErrorCode; details?: unknown; headers?: Record<string, string> } {
  if (error instanceof AppError) return { code: error.code, details: error.details, headers: error.headers };
  // A unique index refused a row a check before it let through (two requests at once): the data conflicts.
  const db = databaseError(error);
  if (db?.code === '23505') return { code: 'CONFLICT' };
  if (db && CLIENT_DATA_ERRORS.has(db.code)) return { code: 'VALIDATION_FAILED' };
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    const details: ValidationIssue[] = error.validation.map((v) => {
      const missing = v.keyword === 'required' ? `/${String(v.params.missingProperty)}` : '';
      const extra = v.keyword === 'additionalProperties' ? `/${String(v.params.additionalProperty)}` : '';
      return { path: `${part}${v.instancePath}${missing}${extra}`, message: v.message ?? v.keyword };
    });
    return { code: 'VALIDATION_FAILED', details };
  }
  if (error.code && FASTIFY_CODES[error.code]) return { code: FASTIFY_CODES[error.code]! };
  if (error instanceof SyntaxError && error.statusCode === 400) return { code: 'INVALID_JSON' };
  if (error.statusCode === 413) return { code: 'BODY_TOO_LARGE' };
  if (error.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE' };
  if (error.statusCode === 503) return { code: 'SERVICE_UNAVAILABLE' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { code: 'VALIDATION_FAILED' };
  return { code: 'INTERNAL' };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  const status = new AppError(code).status;
  return reply
    .code(status)
    .headers(headers)
    .send({ error: { code, message: errorMessage(code, locale), ...(details === undefined ? {} : { details }) } });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { code, details, headers } = classify(error);
    const dbError = databaseError(error);
    if (dbError) {
      // Its message and detail may quote the row (a NIK, a name); the log keeps only where it happened.
      const db = { ...databaseLog(dbError), stack: error.stack?.split('\n').slice(1).join('\n') };
      if (code === 'INTERNAL') request.log.error({ code, db }, 'database error');
      else request.log.warn({ code, db }, 'request refused by the database');
    } else if (code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code, status: error.statusCode }, 'request refused');
    return sendError(request, reply, code, details, headers);
  });
  app.setNotFoundHandler((request, reply) => {
    // Deep links into the web app (/penerima-manfaat/…) get the app, which routes in the browser.
    if (request.method === 'GET' && !request.url.startsWith('/api/') && reply.sendWebApp) return reply.sendWebApp();
    return sendError(request, reply, 'ROUTE_NOT_FOUND');
  });
}

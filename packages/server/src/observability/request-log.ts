import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The route pattern a request matched (`/api/v1/beneficiaries/:id`), never its URL: a URL carries
 * ids and query strings with names and NIKs (`?q=…`). A path no route matched is not echoed.
 */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * What a request log line says about the request and the response. Fastify's own serializer
 * logs the URL with its query string, the host and the client's address; these keep the
 * method, the route pattern and the status. Bodies, cookies and headers are never logged.
 */
export const requestLogSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, route: routeOf(request) }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
};

/** Should any code log a request's parts, pino blanks them. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.query', 'req.body', 'req.url', 'res.headers["set-cookie"]'];

export type LoggerOption = boolean | FastifyBaseLogger | Record<string, unknown>;

/** The logger with our serializers and redaction, whether given as pino options or as a logger. */
export function privateLogging(
  logger: LoggerOption,
): { logger: boolean | Record<string, unknown> } | { loggerInstance: FastifyBaseLogger } {
  if (logger === false) return { logger: false };
  if (typeof logger === 'object' && 'child' in logger && typeof logger.child === 'function') {
    return { loggerInstance: (logger as FastifyBaseLogger).child({}, { serializers: requestLogSerializers, redact: REDACT }) };
  }
  const options = logger === true ? {} : (logger as Record<string, unknown>);
  const redact = Array.isArray(options.redact) ? [...new Set([...(options.redact as string[]), ...REDACT])] : REDACT;
  return { logger: { ...options, serializers: { ...(options.serializers as object | undefined), ...requestLogSerializers }, redact } };
}

import type { FastifyInstance } from 'fastify';
import { sendError } from './error-handler.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares normalised origins, so `http://host:80` equals `http://host`. */
function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Cookie-authenticated writes must come from our own pages. Browsers always send Origin on
 * cross-site POSTs (and Sec-Fetch-Site), so a mismatch is refused; tools like curl send neither
 * and carry no ambient cookie risk. Only JSON bodies are parsed, which HTML forms cannot send.
 */
export function registerCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.headers['sec-fetch-site'] === 'cross-site') return sendError(request, reply, 'CSRF_REJECTED');
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (!sameOrigin(origin, `${request.protocol}://${request.host}`)) return sendError(request, reply, 'CSRF_REJECTED');
  });
}

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    /** Present when the built web app is served: answers with its index.html. */
    sendWebApp?: () => FastifyReply;
  }
}

/** Only our own scripts and styles; no inline scripts, no third parties, no framing. */
const CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CSP)
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY');
}

/**
 * Serves the built PWA. Hashed files under /assets never change, so browsers keep them a year;
 * index.html, the manifest and the service worker are revalidated on every load so a release
 * reaches phones at once.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
      if (path.endsWith('.html')) res.header('content-security-policy', CSP);
    },
  });
  app.decorateReply('sendWebApp', function (this: FastifyReply) {
    return pageHeaders(this).sendFile('index.html');
  });
}

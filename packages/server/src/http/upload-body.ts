import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/**
 * The file a route takes as its raw body. Its own content-type parser hands over a Buffer (or a
 * stream); anything else reached the handler through the JSON parser, or without a body at all —
 * a JSON array of a JPEG's bytes passes a magic-number check, so it is refused here, by type.
 */
export function fileBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) throw new AppError('UPLOAD_TYPE_REQUIRED');
  return request.body;
}

/** The same for a route whose parser streams the body (a large spreadsheet). */
export function fileStream(request: FastifyRequest): Readable {
  if (!(request.body instanceof Readable)) throw new AppError('UPLOAD_TYPE_REQUIRED');
  return request.body;
}

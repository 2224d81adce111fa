import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid } from '../http/schemas.js';
import { fileBody } from '../http/upload-body.js';
import { addActivityPhoto, addCheckInSelfie, deletePhoto, listPhotos, PHOTO_MAX_BYTES, photoBytes } from '../workforce/evidence-photos.js';

const PhotoSchema = Type.Object({ id: Uuid, mime: Type.String(), ukuran: Type.Integer(), createdAt: Type.String({ format: 'date-time' }) });
const IdParams = StrictObject({ id: Uuid });
const writeErrors = { ...authErrors, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse };

/** Photo evidence: the raw image is the request body (a phone camera's file, no form encoding). */
export const photoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kegiatan'];
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp'],
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/activities/:id/photos',
    {
      bodyLimit: PHOTO_MAX_BYTES,
      schema: {
        tags,
        summary: 'Add a photo to one’s own draft or returned entry (at most 5)',
        params: IdParams,
        response: { 201: PhotoSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addActivityPhoto(db(), actorOf(request), originOf(request), request.params.id, fileBody(request))),
  );

  app.get(
    '/activities/:id/photos',
    { schema: { tags, summary: 'Photos of an entry', params: IdParams, response: { 200: Type.Array(PhotoSchema), ...authErrors } } },
    async (request) => listPhotos(db(), actorOf(request), 'activity', request.params.id),
  );

  app.post(
    '/attendance/selfie',
    {
      bodyLimit: PHOTO_MAX_BYTES,
      schema: {
        tags: ['presensi'],
        summary: 'The optional selfie of today’s check-in (replaces an earlier one)',
        response: { 201: PhotoSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCheckInSelfie(db(), actorOf(request), originOf(request), fileBody(request), new Date())),
  );

  app.get(
    '/photos/:id',
    {
      schema: {
        tags,
        summary: 'The image, for its owner and readers of their area',
        params: IdParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const photo = await photoBytes(db(), actorOf(request), request.params.id);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );

  app.delete(
    '/photos/:id',
    {
      schema: {
        tags,
        summary: 'Remove one’s own photo while the entry can be edited',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deletePhoto(db(), actorOf(request), originOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

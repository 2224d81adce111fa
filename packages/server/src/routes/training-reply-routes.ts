import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import { replyInvitation } from '../trainings/invitation-reply-service.js';
import { ParticipantSchema } from './training-schemas.js';

const ReplyBody = StrictObject({
  hadir: Type.Boolean({ description: 'true: coming; false: declining' }),
  alasan: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 500, pattern: '\\S', description: 'Why not (declining only)' }))),
});

/** An invited participant confirms or declines on the phone. */
export const trainingReplyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/trainings/:id/invitation-reply',
    {
      schema: {
        tags: ['pelatihan'],
        summary: 'The invited participant confirms (hadir: true) or declines with an optional reason, once, until the event has ended',
        params: StrictObject({ id: Uuid }),
        body: ReplyBody,
        response: { 200: ParticipantSchema, ...authErrors, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) =>
      replyInvitation(app.ctx.database.db, actorOf(request), originOf(request), request.params.id, request.body, new Date()),
  );
};

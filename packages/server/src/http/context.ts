import type { FastifyRequest } from 'fastify';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { AppError } from './app-error.js';

/** What every route can reach: the database and the settings, decorated once on the app. */
export interface AppContext {
  database: Database;
  /** Where dashboards and read-only exports read: the replica when one is configured. */
  reader: Database;
  config: Config;
  /** Background jobs in the database (pg-boss): queued by any node, worked by the nodes that run jobs. */
  jobs: JobQueue;
  startedAt: Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in user; the authenticate hook guarantees one inside the protected scope. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, requestId: String(request.id) };
}

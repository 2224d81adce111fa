import type { Role } from '@tuntas/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../../src/authz/actor.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { AppContext } from '../../src/http/context.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createUser, type UserView } from '../../src/users/user-service.js';
import { createTestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'kata-sandi-uji-123';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** The app's job queue (its worker starts at the first job the app queues). */
  jobs: JobQueue;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({}), ...overrides };
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    jobs: (app.ctx satisfies AppContext).jobs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let counter = 0;

/** Creates exactly one account for a test; the username is unique within the file. */
export async function createTestUser(database: Database, role: Role, wilayah: string | null, password = TEST_PASSWORD): Promise<UserView> {
  counter += 1;
  return createUser(database.db, SYSTEM_ACTOR, CLI_ORIGIN, {
    username: `${role}.${wilayah ?? 'nas'}.${counter}`,
    password,
    role,
    wilayah,
  });
}

/** A signed-in client: inject() with that user's session cookie. */
export interface Session {
  user: UserView;
  cookie: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, user: UserView, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password } });
  if (response.statusCode !== 200) throw new Error(`login failed for ${user.username}: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'tuntas_sid');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `tuntas_sid=${setCookie.value}`;
  return {
    user,
    cookie,
    request: (options) => app.inject({ ...options, headers: { ...options.headers, cookie } }),
  };
}

export async function signIn(ctx: TestContext, role: Role, wilayah: string | null): Promise<Session> {
  return login(ctx.app, await createTestUser(ctx.database, role, wilayah));
}

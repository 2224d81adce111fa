import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './import/upload-limits.js';

/** Runtime settings, all from the environment so API nodes stay stateless and identical. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A PostgreSQL read replica for dashboards and read-only exports; the primary when unset. */
  databaseReplicaUrl: string | undefined;
  /** Generate last month's reports automatically (TUNTAS_AUTO_REPORTS=0 turns it off). */
  autoReports: boolean;
  dataDir: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Failed logins allowed per username (and, multiplied by 4, per IP) within the window. */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  bodyLimitBytes: number;
  /** What a web upload of beneficiaries may cost (the terminal import has no limit). */
  importUpload: UploadLimits;
  logLevel: string;
  demoPassword: string;
  /** Folder of the built web app, served when it exists (packages/web/dist by default). */
  webDir: string | undefined;
  /** Open cases a pendamping should carry, and the most they may (shown when assigning). */
  caseloadRecommended: number;
  caseloadMaximum: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    caseloadRecommended: intFromEnv(env, 'TUNTAS_CASELOAD_RECOMMENDED', 25),
    caseloadMaximum: intFromEnv(env, 'TUNTAS_CASELOAD_MAXIMUM', 40),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    autoReports: env.TUNTAS_AUTO_REPORTS !== '0',
    dataDir: path.resolve(env.TUNTAS_DATA_DIR ?? './data'),
    sessionIdleMinutes: intFromEnv(env, 'TUNTAS_SESSION_IDLE_MINUTES', 120),
    sessionAbsoluteHours: intFromEnv(env, 'TUNTAS_SESSION_ABSOLUTE_HOURS', 12),
    loginMaxFailures: intFromEnv(env, 'TUNTAS_LOGIN_MAX_FAILURES', 5),
    loginWindowMinutes: intFromEnv(env, 'TUNTAS_LOGIN_WINDOW_MINUTES', 15),
    bodyLimitBytes: intFromEnv(env, 'TUNTAS_BODY_LIMIT_BYTES', 1024 * 1024),
    importUpload: {
      ...DEFAULT_UPLOAD_LIMITS,
      maxRows: intFromEnv(env, 'TUNTAS_IMPORT_MAX_ROWS', DEFAULT_UPLOAD_LIMITS.maxRows),
      outOfScopePerHour: intFromEnv(env, 'TUNTAS_IMPORT_OUT_OF_SCOPE_PER_HOUR', DEFAULT_UPLOAD_LIMITS.outOfScopePerHour),
      reportsDir: path.resolve(env.TUNTAS_IMPORT_REPORTS_DIR || DEFAULT_UPLOAD_LIMITS.reportsDir),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    demoPassword: env.TUNTAS_DEMO_PASSWORD || 'tuntas-demo',
    webDir: env.TUNTAS_WEB_DIR || fileURLToPath(new URL('../../web/dist', import.meta.url)),
  };
}

import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRole, type Role } from '@tuntas/domain';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './import/upload-limits.js';
import type { JobSettings } from './jobs/job-queue.js';
import { scheduleFromEnv, type RetentionSchedule } from './privacy/retention-schedule.js';

/** Runtime settings, all from the environment so API nodes stay stateless and identical. */
export interface Config {
  port: number;
  host: string;
  /** Where `serve --demo` listens: HOST, else loopback only (its accounts share a published password). */
  demoHost: string;
  /**
   * Which peers may tell the client's address in X-Forwarded-For (TUNTAS_TRUST_PROXY): a hop
   * count, or proxy addresses/CIDRs (and proxy-addr's `loopback`, `linklocal`, `uniquelocal`).
   * false (the default): the header is ignored and the TCP peer is the client.
   */
  trustProxy: false | number | string[];
  /** The session cookie carries `Secure` (TUNTAS_COOKIE_SECURE=1/0; default: NODE_ENV=production). */
  cookieSecure: boolean;
  databaseUrl: string | undefined;
  /** A PostgreSQL read replica for dashboards and read-only exports; the primary when unset. */
  databaseReplicaUrl: string | undefined;
  /** Generate last month's reports automatically (TUNTAS_AUTO_REPORTS=0 turns it off). */
  autoReports: boolean;
  /** This node works background jobs (TUNTAS_JOBS=0: it only queues them for the other nodes). */
  runJobs: boolean;
  /** A job running longer is taken for crashed and tried again (TUNTAS_JOB_EXPIRE_SECONDS, default 900). */
  jobExpireSeconds: number;
  /** Attempts after the first (TUNTAS_JOB_RETRY_LIMIT, default 2) and the wait before each (TUNTAS_JOB_RETRY_DELAY_SECONDS, 30). */
  jobRetryLimit: number;
  jobRetryDelaySeconds: number;
  /** How often some node looks for expired jobs (TUNTAS_JOB_MAINTENANCE_SECONDS, default 60). */
  jobMaintenanceSeconds: number;
  /** How often an idle worker asks for work (TUNTAS_JOB_POLL_SECONDS, default 2). */
  jobPollSeconds: number;
  /** How often a node looks for scheduled jobs due (TUNTAS_JOB_CRON_SECONDS, 1–45, default 30). */
  jobCronSeconds: number;
  /** Pause before each report step (TUNTAS_REPORT_STEP_DELAY_MS, default 0): lets tests kill a worker mid-job. */
  reportStepDelayMs: number;
  /** Pause after each stored batch of a background import (TUNTAS_IMPORT_BATCH_DELAY_MS, default 0): lets tests kill a worker mid-job. */
  importBatchDelayMs: number;
  dataDir: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Failed sign-ins of one (username, IP) answered at once; after them each attempt waits 2^n s. */
  loginMaxFailures: number;
  /** A (username, IP) with no attempt for this long starts again from nothing. */
  loginWindowMinutes: number;
  /** The growing wait's cap. */
  loginMaxDelaySeconds: number;
  /**
   * Roles that must sign in with a second factor (TUNTAS_2FA_ROLES, comma-separated, `none` for
   * none; default admin, auditor and direktorat when NODE_ENV=production, none otherwise). Such a
   * user without it reaches only their account until it is on (403 TWO_FACTOR_SETUP_REQUIRED).
   */
  twoFactorRoles: readonly Role[];
  /** TUNTAS_2FA_ROLES was given (`serve --demo` leaves the demo accounts without 2FA otherwise). */
  twoFactorRolesExplicit: boolean;
  /** 32 bytes (hex or base64) that encrypt TOTP secrets at rest (TUNTAS_TOTP_KEY); unset: stored as they are. */
  totpKey: Buffer | undefined;
  bodyLimitBytes: number;
  /** What a web upload of beneficiaries may cost (the terminal import has no limit). */
  importUpload: UploadLimits;
  logLevel: string;
  /** Opens GET /metrics from beyond loopback as `Authorization: Bearer …` (TUNTAS_METRICS_TOKEN). */
  metricsToken: string | undefined;
  demoPassword: string;
  /** Folder of the built web app, served when it exists (packages/web/dist by default). */
  webDir: string | undefined;
  /** The address people reach the app at (TUNTAS_PUBLIC_URL), printed in certificates' QR codes; else the request's own origin. */
  publicUrl: string | undefined;
  /** Open cases a pendamping should carry, and the most they may (shown when assigning). */
  caseloadRecommended: number;
  caseloadMaximum: number;
  /** Days each kind of record keeps its personal data (TUNTAS_RETENTION=`kasus=1825,…`; privacy/retention-schedule.ts). */
  retention: RetentionSchedule;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyFromEnv(raw: string | undefined): false | number | string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '0') return false;
  const value = raw.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(PROXY_KEYWORDS.has(entry) || (family !== 0 && validBits && extra === undefined))) {
      throw new Error(
        `TUNTAS_TRUST_PROXY must be a hop count or proxy addresses/CIDRs separated by commas (e.g. "10.0.0.5,10.1.0.0/16"), got "${raw}"`,
      );
    }
  }
  return entries;
}

/**
 * What Fastify's `trustProxy` takes. A hop count trusts the nearest `hops` peers whoever they are
 * (Fastify itself refuses a bare number since a direct client could then speak for itself): use
 * it only where the server can be reached through the proxies alone; name the proxies otherwise.
 */
export function fastifyTrustProxy(value: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  const hops = value;
  return (_address, hop) => hop < hops;
}

/** The job queue's settings (jobs/job-queue.ts). */
export function jobSettings(config: Config): JobSettings {
  return {
    run: config.runJobs,
    expireSeconds: config.jobExpireSeconds,
    retryLimit: config.jobRetryLimit,
    retryDelaySeconds: config.jobRetryDelaySeconds,
    maintenanceSeconds: config.jobMaintenanceSeconds,
    pollingSeconds: config.jobPollSeconds,
    cronSeconds: config.jobCronSeconds,
  };
}

function rolesFromEnv(raw: string): Role[] {
  if (raw.trim() === 'none') return [];
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of roles)
    if (!isRole(role)) throw new Error(`TUNTAS_2FA_ROLES must be roles separated by commas (or none), got "${raw}"`);
  return roles as Role[];
}

function keyFromEnv(raw: string | undefined): Buffer | undefined {
  if (!raw) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('TUNTAS_TOTP_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

function flagFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    caseloadRecommended: intFromEnv(env, 'TUNTAS_CASELOAD_RECOMMENDED', 25),
    caseloadMaximum: intFromEnv(env, 'TUNTAS_CASELOAD_MAXIMUM', 40),
    host: env.HOST ?? '0.0.0.0',
    demoHost: env.HOST ?? '127.0.0.1',
    trustProxy: trustProxyFromEnv(env.TUNTAS_TRUST_PROXY),
    cookieSecure: flagFromEnv(env, 'TUNTAS_COOKIE_SECURE', env.NODE_ENV === 'production'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    autoReports: env.TUNTAS_AUTO_REPORTS !== '0',
    runJobs: flagFromEnv(env, 'TUNTAS_JOBS', true),
    jobExpireSeconds: Math.max(1, intFromEnv(env, 'TUNTAS_JOB_EXPIRE_SECONDS', 900)),
    jobRetryLimit: intFromEnv(env, 'TUNTAS_JOB_RETRY_LIMIT', 2),
    jobRetryDelaySeconds: intFromEnv(env, 'TUNTAS_JOB_RETRY_DELAY_SECONDS', 30),
    jobMaintenanceSeconds: Math.max(1, intFromEnv(env, 'TUNTAS_JOB_MAINTENANCE_SECONDS', 60)),
    jobPollSeconds: Math.max(1, intFromEnv(env, 'TUNTAS_JOB_POLL_SECONDS', 2)),
    jobCronSeconds: Math.min(45, Math.max(1, intFromEnv(env, 'TUNTAS_JOB_CRON_SECONDS', 30))),
    reportStepDelayMs: intFromEnv(env, 'TUNTAS_REPORT_STEP_DELAY_MS', 0),
    importBatchDelayMs: intFromEnv(env, 'TUNTAS_IMPORT_BATCH_DELAY_MS', 0),
    dataDir: path.resolve(env.TUNTAS_DATA_DIR ?? './data'),
    sessionIdleMinutes: intFromEnv(env, 'TUNTAS_SESSION_IDLE_MINUTES', 120),
    sessionAbsoluteHours: intFromEnv(env, 'TUNTAS_SESSION_ABSOLUTE_HOURS', 12),
    loginMaxFailures: intFromEnv(env, 'TUNTAS_LOGIN_MAX_FAILURES', 5),
    loginWindowMinutes: intFromEnv(env, 'TUNTAS_LOGIN_WINDOW_MINUTES', 60),
    loginMaxDelaySeconds: intFromEnv(env, 'TUNTAS_LOGIN_MAX_DELAY_SECONDS', 900),
    twoFactorRoles: env.TUNTAS_2FA_ROLES
      ? rolesFromEnv(env.TUNTAS_2FA_ROLES)
      : env.NODE_ENV === 'production'
        ? ['admin', 'auditor', 'direktorat']
        : [],
    twoFactorRolesExplicit: Boolean(env.TUNTAS_2FA_ROLES),
    totpKey: keyFromEnv(env.TUNTAS_TOTP_KEY),
    bodyLimitBytes: intFromEnv(env, 'TUNTAS_BODY_LIMIT_BYTES', 1024 * 1024),
    importUpload: {
      ...DEFAULT_UPLOAD_LIMITS,
      maxRows: intFromEnv(env, 'TUNTAS_IMPORT_MAX_ROWS', DEFAULT_UPLOAD_LIMITS.maxRows),
      outOfScopePerHour: intFromEnv(env, 'TUNTAS_IMPORT_OUT_OF_SCOPE_PER_HOUR', DEFAULT_UPLOAD_LIMITS.outOfScopePerHour),
      reportsDir: path.resolve(env.TUNTAS_IMPORT_REPORTS_DIR || DEFAULT_UPLOAD_LIMITS.reportsDir),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    metricsToken: env.TUNTAS_METRICS_TOKEN || undefined,
    demoPassword: env.TUNTAS_DEMO_PASSWORD || 'tuntas-demo',
    publicUrl: env.TUNTAS_PUBLIC_URL ? env.TUNTAS_PUBLIC_URL.replace(/\/+$/, '') : undefined,
    webDir: env.TUNTAS_WEB_DIR || fileURLToPath(new URL('../../web/dist', import.meta.url)),
    retention: scheduleFromEnv(env.TUNTAS_RETENTION),
  };
}

import i18next from 'i18next';

/** An error the server answered with its catalogue shape, or a network failure (code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Tells the shell that the session is gone, so it can send the user to the login page. */
export const sessionExpired = new EventTarget();
/** Why the server ended the session: `revoked` on purpose (account disabled, device signed out), else by time. */
export interface SessionEnd {
  revoked: boolean;
}

/**
 * Held while the device was opened with its PIN after the session expired (offline/device-lock.ts):
 * nothing but signing in or out reaches the server, so no queued write goes out under an expired
 * session; every other request fails as without a signal (the outbox keeps its writes waiting).
 */
let heldForSignIn = false;

export function holdForSignIn(hold: boolean): void {
  heldForSignIn = hold;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Waits before the second and third try of a write whose answer was lost. */
const RETRY_MS = [500, 2000];

/**
 * Every write carries an Idempotency-Key, and one whose answer is lost on the way (a signal that
 * drops mid-request) is tried again with the same key: the server applies it once and answers the
 * retry with the stored result. Writes queued for later go through the outbox instead.
 */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  if (heldForSignIn && !path.startsWith('/auth/login') && !path.startsWith('/auth/logout'))
    throw new ApiError(0, 'NETWORK', i18next.t('errors.network'));
  const write = WRITES.has((rest.method ?? 'GET').toUpperCase());
  const key = write && !new Headers(headers).has('idempotency-key') ? crypto.randomUUID() : null;
  const request = () =>
    fetch(`/api/v1${path}`, {
      credentials: 'same-origin',
      ...rest,
      headers: {
        'accept-language': i18next.language,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
        ...headers,
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt += 1) {
    try {
      response = await request();
    } catch {
      // A read is simply asked again by its query; a write is retried only when it is safe to.
      if (!key || attempt >= RETRY_MS.length) throw new ApiError(0, 'NETWORK', i18next.t('errors.network'));
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[attempt]));
    }
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!response.ok) {
    const error = body?.error;
    // A wrong verification code is a 401 too, but the session is still there.
    if (response.status === 401 && !path.startsWith('/auth/login') && error?.code !== 'OTP_INVALID')
      sessionExpired.dispatchEvent(new CustomEvent<SessionEnd>('expired', { detail: { revoked: error?.code === 'SESSION_REVOKED' } }));
    throw new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? i18next.t('errors.generic'), error?.details);
  }
  return body as T;
}

export interface Page<T> {
  items: T[];
  total: number;
}

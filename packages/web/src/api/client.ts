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

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      credentials: 'same-origin',
      ...rest,
      headers: {
        'accept-language': i18next.language,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18next.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!response.ok) {
    const error = body?.error;
    // A wrong verification code is a 401 too, but the session is still there.
    if (response.status === 401 && !path.startsWith('/auth/login') && error?.code !== 'OTP_INVALID') sessionExpired.dispatchEvent(new Event('expired'));
    throw new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? i18next.t('errors.generic'), error?.details);
  }
  return body as T;
}

export interface Page<T> {
  items: T[];
  total: number;
}

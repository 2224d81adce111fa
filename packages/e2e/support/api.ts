import type { Page } from 'playwright-core';

/** A call to the API with the page's session, as the app would make it: status and parsed body. */
export async function json<T>(page: Page, path: string, init?: { method: string; body: unknown }): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, init }) => {
      const r = await fetch(`/api/v1${path}`, {
        method: init?.method ?? 'GET',
        headers: init ? { 'content-type': 'application/json' } : {},
        body: init ? JSON.stringify(init.body) : undefined,
      });
      return { status: r.status, body: (await r.json().catch(() => null)) as T };
    },
    { path, init },
  );
}

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser build, injected into the page under test as it is (Deque's engine, not our rules). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** WCAG 2.1 level A and AA rules of axe-core on what the page shows now. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated over the DevTools protocol, which the app's Content-Security-Policy (no inline scripts) does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
    const { violations } = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations.map((v) => ({
      rule: String(v['id']),
      impact: (v['impact'] as string | null) ?? null,
      help: String(v['help']),
      targets: (v['nodes'] as Array<{ target: string[] }>).slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

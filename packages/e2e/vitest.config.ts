import { defineConfig } from 'vitest/config';

/** The browser suite: one real server for all specs, specs one after another (2 cores, one Chromium). */
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['specs/**/*.e2e.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll's own default (1 s) is shorter than a sign-in (password hash, redirect, first
    // render) takes when the two cores are busy: sign-in failed once in seven runs on 2026-11-29.
    expect: { poll: { timeout: 10_000 } },
  },
});

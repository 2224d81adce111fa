import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { id } from './src/i18n/id.js';

// The domain package is compiled with the app from its sources: one rule set, no stale build.
export default defineConfig({
  plugins: [
    react(),
    // index.html's first paint says what the app's own loading screen says, from the same dictionary.
    { name: 'tuntas-loading-text', transformIndexHtml: (html) => html.replace('%LOADING%', id.common.loading) },
    // The service worker (issue 17) is Workbox's: every built file — each lazily loaded screen's
    // chunk and style included — is precached on install and on update, so any screen opens
    // offline. It keeps the old name /sw.js, so phones with the hand-written one update in place.
    // API answers stay out of it: the working set lives in IndexedDB (src/offline).
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: false,
      manifest: false,
      registerType: 'autoUpdate',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    alias: { '@tuntas/domain': fileURLToPath(new URL('../domain/src/index.ts', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});

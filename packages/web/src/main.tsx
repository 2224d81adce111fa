import '@picocss/pico/css/pico.min.css';
import './app.css';
import { onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, startTransition, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.js';
import { RequireSession } from './auth/RequireSession.js';
import { initI18n } from './i18n/index.js';
import { keys, meQuery } from './api/queries.js';
import type { Me } from './api/types.js';
import { PERSIST_MAX_AGE, persistQueries, restoreQueries } from './offline/persist.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { HomePage } from './pages/HomePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { AppShell } from './shell/AppShell.js';
import { RouteError } from './shell/RouteError.js';

// Screens beyond the first are loaded when opened, keeping the phone's first download small.
const BeneficiaryListPage = lazy(() => import('./pages/beneficiaries/BeneficiaryListPage.js'));
const BeneficiaryPage = lazy(() => import('./pages/beneficiaries/BeneficiaryPage.js'));
const BeneficiaryFormPage = lazy(() => import('./pages/beneficiaries/BeneficiaryFormPage.js'));
const ImportPage = lazy(() => import('./pages/beneficiaries/ImportPage.js'));
const RetensiPage = lazy(() => import('./pages/privacy/RetensiPage.js'));
const SearchPage = lazy(() => import('./pages/SearchPage.js'));
const CaseListPage = lazy(() => import('./pages/cases/CaseListPage.js'));
const CasePage = lazy(() => import('./pages/cases/CasePage.js'));
const NewCasePage = lazy(() => import('./pages/cases/NewCasePage.js'));
const PresensiPage = lazy(() => import('./pages/workforce/PresensiPage.js'));
const KegiatanPage = lazy(() => import('./pages/workforce/KegiatanPage.js'));
const PersetujuanPage = lazy(() => import('./pages/workforce/PersetujuanPage.js'));
const TimPage = lazy(() => import('./pages/workforce/TimPage.js'));
const KinerjaPage = lazy(() => import('./pages/workforce/KinerjaPage.js'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.js'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js'));
const ChangePasswordPage = lazy(() => import('./pages/account/ChangePasswordPage.js'));
const PelatihanPage = lazy(() => import('./pages/training/PelatihanPage.js'));
const VerifikasiPage = lazy(() => import('./pages/training/VerifikasiPage.js'));
const HadirPage = lazy(() => import('./pages/training/HadirPage.js'));
const TesPage = lazy(() => import('./pages/training/TesPage.js'));
const PenggunaPage = lazy(() => import('./pages/admin/PenggunaPage.js'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.js'));
const ReferensiPage = lazy(() => import('./pages/admin/ReferensiPage.js'));
const OutboxPage = lazy(() => import('./pages/OutboxPage.js'));
const DisasterListPage = lazy(() => import('./pages/disaster/DisasterListPage.js'));
const DisasterPage = lazy(() => import('./pages/disaster/DisasterPage.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Kept as long as the device keeps the working set (offline/persist.ts).
      gcTime: PERSIST_MAX_AGE,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    // Writes run without a signal too: the outbox (api/outbox.ts) keeps them.
    mutations: { networkMode: 'always' },
  },
});

const router = createBrowserRouter([
  { path: '/masuk', element: <LoginPage />, errorElement: <RouteError /> },
  // Public: what a certificate's QR code opens, without signing in.
  { path: '/verifikasi/:nomor', element: <VerifikasiPage />, errorElement: <RouteError /> },
  {
    errorElement: <RouteError />,
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      // A screen whose code cannot load (offline, never cached) fails inside the shell, in Indonesian.
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'penerima-manfaat', element: <BeneficiaryListPage /> },
          { path: 'penerima-manfaat/baru', element: <BeneficiaryFormPage /> },
          { path: 'penerima-manfaat/impor', element: <ImportPage /> },
          { path: 'penerima-manfaat/:id', element: <BeneficiaryPage /> },
          { path: 'penerima-manfaat/:id/ubah', element: <BeneficiaryFormPage /> },
          { path: 'cari', element: <SearchPage /> },
          { path: 'kasus', element: <CaseListPage /> },
          { path: 'kasus/baru', element: <NewCasePage /> },
          { path: 'kasus/:id', element: <CasePage /> },
          { path: 'presensi', element: <PresensiPage /> },
          { path: 'kegiatan', element: <KegiatanPage /> },
          { path: 'persetujuan', element: <PersetujuanPage /> },
          { path: 'tim', element: <TimPage /> },
          { path: 'kinerja/:userId', element: <KinerjaPage /> },
          { path: 'dasbor', element: <DashboardPage /> },
          { path: 'laporan', element: <ReportsPage /> },
          { path: 'akun/kata-sandi', element: <ChangePasswordPage /> },
          { path: 'pelatihan', element: <PelatihanPage /> },
          { path: 'pelatihan/hadir/:id', element: <HadirPage /> },
          { path: 'pelatihan/tes/:id/:jenis', element: <TesPage /> },
          { path: 'pengguna', element: <PenggunaPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'retensi', element: <RetensiPage /> },
          { path: 'referensi', element: <ReferensiPage /> },
          { path: 'kirim', element: <OutboxPage /> },
          { path: 'bencana', element: <DisasterListPage /> },
          { path: 'bencana/:id', element: <DisasterPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

await initI18n();
// Takes index.html's preload of /auth/session on every page, the login page too: a preload left
// unused would answer the next fetch of it — after signing in, with the "nobody" of before.
void queryClient.prefetchQuery(meQuery);
// Offline from the first frame (TanStack assumes online until an event says otherwise), and the
// working set kept on the device back in the cache before the first screen asks for it.
onlineManager.setOnline(navigator.onLine);
await restoreQueries(queryClient);
persistQueries(queryClient, () => queryClient.getQueryData<Me>(keys.me)?.id ?? null);
// A transition: the first render yields to the browser every few milliseconds instead of holding a
// phone's main thread for the whole tree (index.html's "Memuat…" stays painted until it commits).
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<p aria-busy="true" className="centered" />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </StrictMode>,
  ),
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // Workbox's worker (vite.config.ts). The awaits above may outlast the load event: register now if so.
  const register = () => void navigator.serviceWorker.register('/sw.js');
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
}

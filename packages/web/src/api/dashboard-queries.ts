import { useQuery } from '@tanstack/react-query';
import type { DashboardOverview } from '@tuntas/domain';
import { api } from './client.js';

export function useDashboard(params: {
  wilayah?: string | undefined;
  ppks?: string | undefined;
  dari?: string | undefined;
  sampai?: string | undefined;
}) {
  const search = new URLSearchParams();
  if (params.wilayah) search.set('wilayah', params.wilayah);
  if (params.ppks) search.set('ppks', params.ppks);
  if (params.dari) search.set('dari', params.dari);
  if (params.sampai) search.set('sampai', params.sampai);
  return useQuery({
    queryKey: ['dashboard', params],
    queryFn: () => api<DashboardOverview>(`/dashboard/overview?${search}`),
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}

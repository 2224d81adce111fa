import type { dasborId, laporanId } from './dasbor.id.js';
import type { Widen } from './id.js';

/** The dashboards in English; keys mirror dasbor.id.ts. */
export const dasborEn: Widen<typeof dasborId> = {
  title: 'Dashboard {{nama}}',
  allCategories: 'All PPKS categories',
  from: 'Period from (month)',
  to: 'to (month)',
  category: 'PPKS category',
  indicator: 'Map colour',
  indicators: { tingkatPenyelesaian: 'Resolution rate (%)', total: 'Number of cases', terlambat: 'Overdue cases' },
  resolutionRate: 'Resolution rate',
  median: 'Median days to resolution',
  overdue: 'Cases past their stage deadline',
  caseload: 'Average open cases per pendamping',
  overMax: '{{count, number}} pendamping above the maximum ({{maksimum}})',
  pending: 'Activity reports awaiting approval',
  referrals: 'Referrals waiting for an answer',
  referralsLate_one: '{{formatted}} past the agreed days',
  referralsLate_other: '{{formatted}} past the agreed days',
  attendance: 'Pendamping attendance this month',
  map: 'Map of {{indicator}} by province',
  areas: 'By area',
  area: 'Area',
  trend: 'Monthly trend: cases opened and resolved',
  opened: 'Opened',
  byCategory: 'By PPKS category',
  backlog: 'Open cases by age (days)',
  updated: 'Case ages and overdue figures updated {{time}}',
  days: '{{count, number}} days',
  national: 'Indonesia',
  drillHint: 'Click an area to see its detail.',
  reports: 'Download the monthly report',
  breadcrumb: 'Area trail',
  year: 'Year',
};

export const laporanEn: Widen<typeof laporanId> = {
  title: 'Monthly reports',
  format: 'Format',
  create: 'Create report',
  list: 'Downloads',
  empty: 'No reports yet. Last month’s reports are made automatically at the start of each month.',
  auto: 'Automatic at month end',
  download: 'Download ({{size}} KB)',
  failed: 'Failed; create it again.',
  progress: 'Being made',
};

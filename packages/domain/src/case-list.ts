/** The orders the case list offers (issue 21): opened, last activity, stage, stage deadline. */
export const CASE_SORTS = ['dibuka', 'aktivitas', 'tahapan', 'tenggat'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** The list's default direction per order: the most recent first, the nearest deadline first. */
export const defaultSortDirection = (urut: CaseSort): 'asc' | 'desc' => (urut === 'tenggat' || urut === 'tahapan' ? 'asc' : 'desc');

/**
 * Spreadsheet formula injection (CWE-1236): a cell starting with = + - @ (or a tab/CR that some
 * programs skip) would run as a formula when the file is opened. Such text gets a leading
 * apostrophe, which Excel and LibreOffice show as plain text.
 */
export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

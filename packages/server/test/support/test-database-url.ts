/** Set TUNTAS_TEST_DATABASE_URL to run the database suites on a real PostgreSQL instead of PGlite. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TUNTAS_TEST_DATABASE_URL || undefined;
}

export const TEMPLATE_DB = 'tuntas_test_template';

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows of any statement. TypeORM answers raw UPDATE and DELETE with
 * `[rows, rowCount]` but other statements with `rows`; this hides the difference
 * for `... RETURNING` queries.
 */
export async function queryRows<T>(
  runner: DataSource | EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

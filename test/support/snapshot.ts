import type { DataSource } from 'typeorm';

/** Every row of the given tables, ordered, as JSON: compare two snapshots to prove nothing was written. */
export async function snapshotTables(dataSource: DataSource, tables: string[]): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    snapshot[table] = await dataSource.query(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`);
  }
  return snapshot;
}

/** Every application table (migrations bookkeeping excluded). */
export async function applicationTables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
      ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

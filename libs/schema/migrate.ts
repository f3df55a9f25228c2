import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { MIGRATIONS } from './migrations';

/** Applies pending migrations. Safe to run on every start: applied ones are skipped. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions(databaseUrl, { applicationName: 'intentcast-migrate', migrations: MIGRATIONS }),
  );
  await dataSource.initialize();
  try {
    // One migrator at a time even when several replicas start together.
    await dataSource.query('SELECT pg_advisory_lock(7263001)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(7263001)').catch(() => undefined);
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  runMigrations(url).then(
    (names) => console.log(names.length ? `applied migrations: ${names.join(', ')}` : 'database is up to date'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

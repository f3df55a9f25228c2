import 'reflect-metadata';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { QueryLogger } from './query-logger';

export type EntityList = MixedList<Function | string | EntitySchema>;

/**
 * The one way a DataSource is configured, over the entities and migrations given (the schema's
 * are in @app/schema: every entity, every migration).
 */
export function dataSourceOptions(
  databaseUrl: string,
  {
    applicationName = 'intentcast',
    entities = [],
    migrations = [],
  }: { applicationName?: string; entities?: EntityList; migrations?: Function[] } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logger: new QueryLogger(),
    maxQueryExecutionTime: 1000,
    applicationName,
    extra: { max: 20 },
  };
}

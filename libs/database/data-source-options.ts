import 'reflect-metadata';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CountingQueryLogger } from './query-counter';

export function dataSourceOptions(databaseUrl: string, applicationName = 'intentcast'): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logger: new CountingQueryLogger(),
    maxQueryExecutionTime: 1000,
    applicationName,
    extra: { max: 20 },
  };
}

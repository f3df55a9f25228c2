import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export { ENTITIES } from './entities';

/** DataSource options for the whole schema: every entity, every migration. */
export function schemaDataSourceOptions(databaseUrl: string, applicationName?: string): DataSourceOptions {
  return dataSourceOptions(databaseUrl, { applicationName, entities: ENTITIES, migrations: MIGRATIONS });
}

import { DataSource } from 'typeorm';
import { schemaDataSourceOptions } from './index';

/** The DataSource the TypeORM CLI uses (migration:generate / migration:run). */
export default new DataSource(
  schemaDataSourceOptions(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intentcast_dev',
    'intentcast-cli',
  ),
);

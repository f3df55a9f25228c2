import { runMigrations } from '@app/schema/migrate';
import { createTestRedisPrefixBase } from './redis';
import { databaseUrl, onServer, uniqueSuffix } from './databases';

/** Migrates one template database per test run; each test file then copies it. */
export default async function globalSetup(): Promise<void> {
  const template = `ic_tpl_${uniqueSuffix()}`;
  await onServer((client) => client.query(`CREATE DATABASE "${template}"`));
  await runMigrations(databaseUrl(template));
  process.env.INTENTCAST_TEMPLATE_DB = template;
  process.env.INTENTCAST_REDIS_PREFIX_BASE = createTestRedisPrefixBase();
}

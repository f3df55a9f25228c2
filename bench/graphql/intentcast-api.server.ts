/**
 * The full Intentcast API (createApiApp: auth guard, validation pipe, DataLoaders, TypeORM on
 * PostgreSQL, pino logging) configured from the environment the bench parent passes in.
 */
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { countStatements } from '@app/database';
import { createApiApp } from '../../apps/api/src/create-api-app';
import type { RunningServer } from './protocol';

export async function startIntentcastApi(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  const counter = countStatements(app.get(DataSource));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    port: address.port,
    http: app.getHttpServer(),
    close: () => app.close(),
    statements: () => counter.statements,
  };
}

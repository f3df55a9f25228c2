import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the tests use; only its maintenance database is connected to, to create and drop ours. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** A fresh database for one test file, copied from the migrated template (fast: a file copy). */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const template = process.env.INTENTCAST_TEMPLATE_DB;
  if (!template) throw new Error('INTENTCAST_TEMPLATE_DB is not set: run the tests through jest.config.js');
  const name = `ic_test_${uniqueSuffix()}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/queues/queues';
import { type AppConfig, loadConfig } from '@app/config';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { createTestDatabase, dropDatabase } from './databases';
import { deleteKeys, redisUrl, testRedisPrefix } from './redis';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; [k: string]: unknown };
  }>;
  status: number;
}

export interface ApiReplica {
  baseUrl: string;
  graphqlUrl: string;
  /** graphql-ws endpoint. */
  wsUrl: string;
  close(): Promise<void>;
}

export interface TestStack {
  config: AppConfig;
  graphqlUrl: string;
  wsUrl: string;
  baseUrl: string;
  api: NestFastifyApplication;
  worker: INestApplicationContext | null;
  /** The API's own DataSource: tests inspect rows through it. */
  dataSource: DataSource;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  startWorker(): Promise<INestApplicationContext>;
  /** Another API process-alike on the same database and Redis prefix (closed by close()). */
  startReplica(): Promise<ApiReplica>;
  /** Waits until the worker has nothing left to do: outbox drained, no waiting, delayed or active jobs. */
  settle(timeoutMs?: number): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Run the worker in this process too (matching, outbox relay, expiry). */
  worker?: boolean;
  env?: Record<string, string>;
}

/**
 * A real API (and worker) on a database and Redis prefix of their own.
 * Everything is removed again by close().
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  });
  const api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  let worker: INestApplicationContext | null = null;
  const replicas: ApiReplica[] = [];

  const stack: TestStack = {
    config,
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    wsUrl: `${baseUrl.replace('http', 'ws')}/graphql`,
    api,
    get worker() {
      return worker;
    },
    dataSource: api.get(DataSource),
    async gql(query, variables = {}, token) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as GraphQLResponse<any>;
    },
    async startReplica() {
      const replicaApi = await createApiApp(config);
      await replicaApi.listen(0, '127.0.0.1');
      const replicaUrl = `http://127.0.0.1:${(replicaApi.getHttpServer().address() as { port: number }).port}`;
      const replica: ApiReplica = {
        baseUrl: replicaUrl,
        graphqlUrl: `${replicaUrl}/graphql`,
        wsUrl: `${replicaUrl.replace('http', 'ws')}/graphql`,
        close: async () => {
          replicas.splice(replicas.indexOf(replica), 1);
          await replicaApi.close();
        },
      };
      replicas.push(replica);
      return replica;
    },
    async startWorker() {
      worker = await createWorkerApp(config);
      await worker.init();
      return worker;
    },
    async settle(timeoutMs = 15_000) {
      if (!worker) return;
      // The maintenance queue always holds its next scheduled run: only event-driven queues count.
      const queues = Object.values(QueueName)
        .filter((name) => name !== QueueName.MAINTENANCE)
        .map((name) => worker!.get<Queue>(getQueueToken(name)));
      let quietPolls = 0;
      await waitFor(async () => {
        const [{ pending }] = await stack.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox_events WHERE dispatched_at IS NULL`,
        );
        const counts = await Promise.all(
          queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')),
        );
        const busy = pending + counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
        quietPolls = busy === 0 ? quietPolls + 1 : 0;
        return quietPolls >= 3;
      }, timeoutMs);
    },
    async stopWorker() {
      await worker?.close();
      worker = null;
    },
    async close() {
      for (const replica of [...replicas]) await replica.close();
      await stack.stopWorker();
      await api.close();
      await dropDatabase(database.name);
      await deleteKeys(`${prefix}*`);
    },
  };
  if (options.worker) await stack.startWorker();
  return stack;
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`waitFor timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

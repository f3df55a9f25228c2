/**
 * How long solutions take to follow a change: `npm run bench:recompute`.
 *
 * On a scratch database and Redis prefix of its own, with the real API and worker as separate
 * processes (`dist/apps/{api,worker}/src/main.js`): BENCH_INTENTS intents (20), each with removals and
 * cleaning priced by 3 vendors, their owner subscribed to `solutionsUpdated` over graphql-ws. Budget
 * changes are sent through `updateIntent` at BENCH_RATE per second (4) until BENCH_CHANGES (120) were
 * made, round robin over the intents (so each intent changes every few seconds, longer than the
 * debounce), alternating between a budget below every solution (INFEASIBLE) and one above (OPTIMAL).
 * For each change it records, from the updateIntent answer (the change is committed, and the
 * assembly PENDING, before the API answers):
 *   - to `assembly.computedAt` of the recomputation that follows (worker's clock, same machine);
 *   - to the `solutionsUpdated` event with the new state at the subscriber.
 *
 * Baselines in the same run: a bare BullMQ hop (add → no-op worker → `completed` event), and the same
 * hop with the assembly debounce as its delay, at the same rate: the floor our pipeline stands on
 * (change → outbox relay → debounced job → stored → notification relay → pub/sub → WebSocket).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents } from 'bullmq';
import { type Client as WsClient, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { ASSEMBLY_DEBOUNCE_MS } from '@app/queues';
import { ms, percentile, redisUrl, runSuffix, table, withScratchDatabase } from '../matching/common';
import { startChild, stopAllChildren } from '../support/children';

const INTENTS = Number(process.env.BENCH_INTENTS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 4);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 120);
const WARM_UP_CHANGES = 10;
const PREFIX = `icbench-${runSuffix}`;
const LEEDS = { lat: 53.7997, lng: -1.5492 };
const log = (line: string) => console.log(line);

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data as T;
}

async function signUp(url: string, kind: 'INDIVIDUAL' | 'VENDOR', index: number): Promise<string> {
  const data = await gql<{ signUp: { token: string } }>(
    url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
    {
      input: {
        kind,
        email: `${kind.toLowerCase()}.${index}.${runSuffix}@bench.test`,
        password: 'correct horse battery',
        displayName: `Bench ${kind.toLowerCase()} ${index}`,
      },
    },
  );
  return data.signUp.token;
}

const stats = (values: number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  n: values.length,
});

/** A bare BullMQ hop at RATE: add (with `delay`) → no-op worker → `completed` event back here. */
async function bullmqHop(count: number, delay: number): Promise<number[]> {
  const queueName = `recompute-baseline-${delay}`;
  const child = await startChild(
    path.join(__dirname, '..', 'matching', 'noop-worker.js'),
    { REDIS_URL: redisUrl(), REDIS_PREFIX: PREFIX, QUEUE: queueName, CONCURRENCY: '4' },
    'ready',
  );
  const connection = { url: redisUrl(), maxRetriesPerRequest: null };
  const queue = new Queue(queueName, { connection, prefix: PREFIX });
  const events = new QueueEvents(queueName, { connection, prefix: PREFIX });
  await events.waitUntilReady();
  const addedAt = new Map<string, number>();
  const latencies: number[] = [];
  const done = new Promise<void>((resolve) => {
    events.on('completed', ({ jobId }) => {
      const started = addedAt.get(jobId);
      if (started === undefined) return;
      latencies.push(performance.now() - started);
      if (latencies.length === count) resolve();
    });
  });
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = started + (index * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const jobId = `baseline.${index}`;
    addedAt.set(jobId, performance.now());
    void queue.add('noop', { intentId: randomUUID() }, { jobId, delay, removeOnComplete: true });
  }
  await done;
  await events.close();
  await queue.close();
  child.kill('SIGTERM');
  return latencies;
}

interface Update {
  id: string;
  assembly: { state: string; computedAt: string; solveMs: number | null };
}

async function main(): Promise<void> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const apiUrl = `http://127.0.0.1:${port}/graphql`;
  const sockets: WsClient[] = [];

  await withScratchDatabase(
    'ic_bench_recompute',
    async (databaseUrl) => {
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: PREFIX,
        JWT_SECRET: randomBytes(32).toString('hex'),
        VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
      };
      const dist = path.join(__dirname, '..', '..', 'apps');
      await startChild(path.join(dist, 'api', 'src', 'main.js'), env, 'Intentcast API ready');
      await startChild(path.join(dist, 'worker', 'src', 'main.js'), env, 'Intentcast worker ready');

      const vendors: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        const token = await signUp(apiUrl, 'VENDOR', index);
        await gql(
          apiUrl,
          `mutation($input: UpdateVendorProfileInput!) { updateVendorProfile(input: $input) { id } }`,
          {
            input: {
              name: `Bench Movers ${index}`,
              categoryCodes: ['moving.removals', 'moving.cleaning'],
              serviceArea: { ...LEEDS, radiusKm: 60 },
            },
          },
          token,
        );
        vendors.push(token);
      }
      const owner = await signUp(apiUrl, 'INDIVIDUAL', 0);
      const intents: Array<{ id: string; components: Array<{ id: string }> }> = [];
      for (let index = 0; index < INTENTS; index += 1) {
        const { createIntent } = await gql<{ createIntent: { id: string; components: Array<{ id: string }> } }>(
          apiUrl,
          `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
          {
            input: {
              title: `Moving house ${index}`,
              location: LEEDS,
              budget: { amount: '1000', currency: 'GBP' },
              expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
              components: [
                { title: 'Removals', categoryCode: 'moving.removals' },
                { title: 'Cleaning', categoryCode: 'moving.cleaning' },
              ],
            },
          },
          owner,
        );
        intents.push(createIntent);
      }
      const validUntil = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
      for (const intent of intents) {
        for (const [index, vendor] of vendors.entries()) {
          for (let attempt = 0; ; attempt += 1) {
            try {
              await gql(
                apiUrl,
                `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
                {
                  input: {
                    intentId: intent.id,
                    currency: 'GBP',
                    validUntil,
                    lines: intent.components.map((c, line) => ({
                      componentId: c.id,
                      amount: String(400 + 50 * index + 10 * line),
                    })),
                  },
                },
                vendor,
              );
              break;
            } catch (error) {
              // Not matched yet: the worker matches each intent a moment after it opens.
              if (attempt > 100) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        }
      }

      const arrivals: Array<{ at: number; wall: number; update: Update }> = [];
      const socket = createClient({
        url: apiUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${owner}` },
        lazy: false,
        onNonLazyError: (error) => console.error('subscription connection failed', error),
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        const unsubscribe = socket.on('connected', () => {
          unsubscribe();
          resolve();
        });
        socket.subscribe<{ solutionsUpdated: Update }>(
          { query: `subscription { solutionsUpdated { id assembly { state computedAt solveMs } } }` },
          {
            next: ({ data }) => {
              if (data) arrivals.push({ at: performance.now(), wall: Date.now(), update: data.solutionsUpdated });
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      // Let the offers' own recomputations finish before measuring.
      await new Promise((resolve) => setTimeout(resolve, 3000));

      const budgets = new Map(intents.map((intent) => [intent.id, 1000]));
      const change = async (index: number) => {
        const intent = intents[index % intents.length];
        const budget = budgets.get(intent.id) === 1000 ? 500 : 1000;
        budgets.set(intent.id, budget);
        await gql(
          apiUrl,
          `mutation($id: ID!, $input: UpdateIntentInput!) { updateIntent(id: $id, input: $input) { id } }`,
          { id: intent.id, input: { budget: { amount: String(budget), currency: 'GBP' } } },
          owner,
        );
        return {
          intentId: intent.id,
          expected: budget === 500 ? 'INFEASIBLE' : 'OPTIMAL',
          answeredAt: performance.now(),
          answeredWall: Date.now(),
        };
      };
      const run = async (count: number) => {
        const started = performance.now();
        const pending: Array<ReturnType<typeof change>> = [];
        for (let index = 0; index < count; index += 1) {
          const wait = started + (index * 1000) / RATE - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          pending.push(change(index));
        }
        return Promise.all(pending);
      };

      log(`warm-up: ${WARM_UP_CHANGES} budget changes`);
      await run(WARM_UP_CHANGES);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      log(`measuring: ${CHANGES} budget changes at ${RATE}/s over ${INTENTS} intents`);
      arrivals.length = 0;
      const changes = await run(CHANGES);
      const deadline = Date.now() + 30_000;
      const followed = () =>
        changes.map((made) =>
          arrivals.find(
            (arrival) =>
              arrival.update.id === made.intentId &&
              arrival.at > made.answeredAt &&
              arrival.update.assembly.state === made.expected,
          ),
        );
      while (followed().some((arrival) => !arrival) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const toComputed: number[] = [];
      const toEvent: number[] = [];
      const solve: number[] = [];
      followed().forEach((arrival, index) => {
        if (!arrival) return;
        toEvent.push(arrival.at - changes[index].answeredAt);
        toComputed.push(Date.parse(arrival.update.assembly.computedAt) - changes[index].answeredWall);
        if (arrival.update.assembly.solveMs !== null) solve.push(arrival.update.assembly.solveMs);
      });

      log('baselines: bare BullMQ add → no-op worker → completed event, without and with the debounce delay');
      const hop = stats(await bullmqHop(CHANGES, 0));
      const debounced = stats(await bullmqHop(CHANGES, ASSEMBLY_DEBOUNCE_MS));

      const row = (label: string, s: ReturnType<typeof stats>, baseline = false) => [
        label,
        String(s.n),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        baseline ? '-' : ms(s.p50 - debounced.p50),
        baseline ? '-' : ms(s.p95 - debounced.p95),
      ];
      log('');
      log(`### Budget change to recomputed solutions: ${CHANGES} changes at ${RATE}/s over ${INTENTS} intents`);
      log('');
      log(
        table(
          ['measure', 'n', 'p50', 'p95', 'p99', 'p50 over debounced hop', 'p95 over debounced hop'],
          [
            row('updateIntent answered → assembly.computedAt', stats(toComputed)),
            row('updateIntent answered → solutionsUpdated at subscriber', stats(toEvent)),
            row(`baseline: BullMQ hop, ${ASSEMBLY_DEBOUNCE_MS} ms delay (the debounce)`, debounced, true),
            row('baseline: BullMQ hop, no delay', hop, true),
          ],
        ),
      );
      log('');
      const solveStats = stats(solve);
      log(
        `changes followed ${toEvent.length} of ${CHANGES}; solver time p50 ${ms(solveStats.p50)}, p95 ${ms(solveStats.p95)}; ` +
          `load average ${loadavg()
            .map((value) => value.toFixed(2))
            .join(' ')}`,
      );
    },
    async () => {
      await Promise.all(sockets.map((socket) => socket.dispose()));
      await stopAllChildren();
    },
  );
  const redis = new Redis(redisUrl());
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAllChildren();
  process.exit(1);
});

/**
 * End-to-end latency of a new match: `npm run bench:match-latency`.
 *
 * On a scratch database of its own seeded with BENCH_VENDORS vendors (default 100,000, as
 * bench:matching does) and a Redis prefix of its own, with the real API and worker as separate
 * processes (`dist/apps/{api,worker}/src/main.js`):
 *
 *   BENCH_SUBSCRIBERS vendors (20) near Leeds subscribe to `matchCreated` over graphql-ws; intents for
 *   Leeds removals are posted through the API at BENCH_RATE per second (100) for BENCH_SECONDS (20),
 *   open loop (on a fixed schedule, not waiting for answers). Each intent is matched to the top K
 *   vendors, the subscribers among them. For every event received it records:
 *     - from the createIntent answer (the intent is committed before the API answers) to the event;
 *     - from the request being sent (an upper bound that includes the API's own time);
 *   and from the database: intent opened (transaction time) to its matches stored.
 *
 *   baseline: in the same run, a bare BullMQ no-op worker (child process) at the same rate: time from
 *   `add` to the `completed` event seen here, i.e. one queue hop and back, which our pipeline takes
 *   twice (outbox relay → match job; match → notification relay) before the pub/sub → WebSocket hop.
 *
 * Reports p50/p95/p99 and the ratios to the baseline. Absolute values depend on the machine.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents } from 'bullmq';
import { type Client as WsClient, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';
import { ms, percentile, redisUrl, runSuffix, table, withScratchDatabase } from '../matching/common';
import { loadTaxonomy, seedVendors } from '../matching/seed';
import { cpuSeconds, startChild, stopAllChildren } from '../support/children';

const VENDORS = Number(process.env.BENCH_VENDORS ?? 100_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 3;
/** BENCH_PROFILE_DIR=/tmp/x: the API runs with --cpu-prof and writes its profile there when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const PREFIX = `icbench-${runSuffix}`;
const LEEDS = { lat: 53.7997, lng: -1.5492 };
const log = (line: string) => console.log(line);

interface Timing {
  sentAt: number;
  answeredAt?: number;
}

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

async function signUp(
  url: string,
  kind: 'INDIVIDUAL' | 'VENDOR',
  index: number,
): Promise<{ token: string; vendorId: string | null }> {
  const data = await gql<{ signUp: { token: string; account: { vendorId: string | null } } }>(
    url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token account { vendorId } } }`,
    {
      input: {
        kind,
        email: `${kind.toLowerCase()}.${index}.${runSuffix}@bench.test`,
        password: 'correct horse battery',
        displayName: `Bench ${kind.toLowerCase()} ${index}`,
      },
    },
  );
  return { token: data.signUp.token, vendorId: data.signUp.account.vendorId };
}

const stats = (values: number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  n: values.length,
});

/** A bare BullMQ hop at the same rate: add → no-op worker → `completed` event back here. */
async function bullmqBaseline(count: number): Promise<number[]> {
  const queueName = `latency-baseline`;
  const child = await startChild(
    path.join(__dirname, '..', 'matching', 'noop-worker.js'),
    { REDIS_URL: redisUrl(), REDIS_PREFIX: PREFIX, QUEUE: queueName, CONCURRENCY: '10' },
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
    const due = started + (index * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const jobId = `baseline.${index}`;
    addedAt.set(jobId, performance.now());
    void queue.add('noop', { intentId: randomUUID() }, { jobId, removeOnComplete: true });
  }
  await done;
  await events.close();
  await queue.close();
  child.kill('SIGTERM');
  return latencies;
}

async function main(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const vaultKey = randomBytes(32).toString('base64');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const apiUrl = `http://127.0.0.1:${port}/graphql`;
  const sockets: WsClient[] = [];

  await withScratchDatabase(
    'ic_bench_live',
    async (databaseUrl) => {
      const client = new Client({ connectionString: databaseUrl });
      // The scratch database is dropped WITH (FORCE) on the way out, also after a failure.
      client.on('error', () => undefined);
      await client.connect();
      const seedStarted = performance.now();
      await seedVendors(client, await loadTaxonomy(client), 0, VENDORS, log);
      log(`seeded ${VENDORS} vendors in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: PREFIX,
        JWT_SECRET: jwtSecret,
        VAULT_MASTER_KEY: vaultKey,
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
      };
      const dist = path.join(__dirname, '..', '..', 'apps');
      const api = await startChild(
        path.join(dist, 'api', 'src', 'main.js'),
        env,
        'Intentcast API ready',
        PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
      );
      const worker = await startChild(path.join(dist, 'worker', 'src', 'main.js'), env, 'Intentcast worker ready');

      // Subscribers: removals vendors at the centre of Leeds, top rated, so every intent reaches them.
      const subscribers: string[] = [];
      const received = new Map<string, number[]>();
      let eventCount = 0;
      for (let index = 0; index < SUBSCRIBERS; index += 1) {
        const vendor = await signUp(apiUrl, 'VENDOR', index);
        await gql(
          apiUrl,
          `mutation($input: UpdateVendorProfileInput!) { updateVendorProfile(input: $input) { id } }`,
          {
            input: {
              name: `Bench Leeds Removals ${index}`,
              categoryCodes: ['moving.removals'],
              serviceArea: { ...LEEDS, radiusKm: 60 },
            },
          },
          vendor.token,
        );
        await client.query(`UPDATE vendors SET rating_average = 5 WHERE id = $1`, [vendor.vendorId]);
        subscribers.push(vendor.vendorId!);
        const socket = createClient({
          url: apiUrl.replace('http', 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${vendor.token}` },
          lazy: false,
          onNonLazyError: (error) => console.error('subscription connection failed', error),
        });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          const unsubscribe = socket.on('connected', () => {
            unsubscribe();
            resolve();
          });
          socket.subscribe<{ matchCreated: { intent: { id: string } } }>(
            { query: `subscription { matchCreated { intent { id } } }` },
            {
              next: ({ data }) => {
                if (!data) return;
                const arrivals = received.get(data.matchCreated.intent.id) ?? [];
                arrivals.push(performance.now());
                received.set(data.matchCreated.intent.id, arrivals);
                eventCount += 1;
              },
              error: reject,
              complete: () => undefined,
            },
          );
        });
      }
      const individuals = await Promise.all(
        Array.from({ length: 10 }, (_, index) => signUp(apiUrl, 'INDIVIDUAL', index)),
      );
      const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

      const post = (index: number, timings: Map<string, Timing>) => {
        const sentAt = performance.now();
        return gql<{ createIntent: { id: string } }>(
          apiUrl,
          `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id } }`,
          {
            input: {
              title: `Two-bed flat removal ${index}`,
              categoryCode: 'moving.removals',
              location: { lat: LEEDS.lat + ((index % 7) - 3) * 0.01, lng: LEEDS.lng + ((index % 5) - 2) * 0.01 },
              expiresAt,
            },
          },
          individuals[index % individuals.length].token,
        ).then(({ createIntent }) => {
          timings.set(createIntent.id, { sentAt, answeredAt: performance.now() });
        });
      };

      const runLoad = async (seconds: number, timings: Map<string, Timing>) => {
        const total = Math.round(seconds * RATE);
        const started = performance.now();
        const pending: Array<Promise<void>> = [];
        for (let index = 0; index < total; index += 1) {
          const wait = started + (index * 1000) / RATE - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          pending.push(post(index, timings));
        }
        await Promise.all(pending);
        return total;
      };

      log(`warm-up: ${WARM_UP_SECONDS} s at ${RATE} intents/s`);
      await runLoad(WARM_UP_SECONDS, new Map());
      await new Promise((resolve) => setTimeout(resolve, 2000));
      received.clear();
      eventCount = 0;

      log(`measuring: ${SECONDS} s at ${RATE} intents/s, ${SUBSCRIBERS} subscribed vendors`);
      const timings = new Map<string, Timing>();
      const cpuBefore = { api: cpuSeconds(api.pid!), worker: cpuSeconds(worker.pid!) };
      const total = await runLoad(SECONDS, timings);
      const expected = total * SUBSCRIBERS;
      const deadline = Date.now() + 60_000;
      while (eventCount < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const cpuAfter = { api: cpuSeconds(api.pid!), worker: cpuSeconds(worker.pid!) };

      const fromAnswer: number[] = [];
      const fromRequest: number[] = [];
      for (const [intentId, arrivals] of received) {
        const timing = timings.get(intentId);
        if (!timing?.answeredAt) continue;
        for (const arrival of arrivals) {
          fromAnswer.push(arrival - timing.answeredAt);
          fromRequest.push(arrival - timing.sentAt);
        }
      }
      const { rows: stored } = await client.query<{ ms: number }>(
        `SELECT extract(epoch FROM (max(m.created_at) - i.opened_at)) * 1000 AS ms
           FROM intents i JOIN intent_matches m ON m.intent_id = i.id
          WHERE i.id = ANY($1::uuid[]) GROUP BY i.id, i.opened_at`,
        [[...timings.keys()]],
      );
      // The match statement writes its notification row; the relay marks it dispatched once published.
      const { rows: relayed } = await client.query<{ ms: number }>(
        `SELECT extract(epoch FROM (o.dispatched_at - o.created_at)) * 1000 AS ms
           FROM outbox_events o
          WHERE o.topic = 'notification' AND o.payload->'notifications'->0->>'type' = 'match.created'
            AND o.payload->'notifications'->0->>'intentId' = ANY($1::text[]) AND o.dispatched_at IS NOT NULL`,
        [[...timings.keys()]],
      );
      await client.end();

      log('baseline: bare BullMQ add → no-op worker → completed event, same rate');
      const baseline = stats(await bullmqBaseline(total));

      const answer = stats(fromAnswer);
      const request = stats(fromRequest);
      const storage = stats(stored.map((row) => Number(row.ms)));
      const relay = stats(relayed.map((row) => Number(row.ms)));
      const row = (label: string, s: ReturnType<typeof stats>) => [
        label,
        String(s.n),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        `${(s.p50 / baseline.p50).toFixed(1)}x / ${(s.p99 / baseline.p99).toFixed(1)}x`,
      ];
      log('');
      log(
        `### New match to subscriber: ${RATE} intents/s for ${SECONDS} s, ${VENDORS} vendors, ${SUBSCRIBERS} subscribers`,
      );
      log('');
      log(
        table(
          ['measure', 'n', 'p50', 'p95', 'p99', 'vs baseline p50 / p99'],
          [
            row('createIntent answered → event at subscriber', answer),
            row('createIntent sent → event at subscriber', request),
            row('intent committed → matches stored (DB clock)', storage),
            row('matches stored → relayed to Redis (DB clock)', relay),
            row('baseline: BullMQ add → completed event', baseline),
          ],
        ),
      );
      log('');
      log(
        `events received ${eventCount} of ${expected}; CPU over the measured window: API ${(cpuAfter.api - cpuBefore.api).toFixed(1)} s, worker ${(cpuAfter.worker - cpuBefore.worker).toFixed(1)} s; load average ${loadavg()
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

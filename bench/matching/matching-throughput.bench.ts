/**
 * Matching throughput: `npm run bench:matching-throughput`.
 *
 * On a scratch database of its own (seeded with BENCH_VENDORS vendors, default 100,000, as
 * bench:matching does) and a Redis prefix of its own, in one run:
 *
 *   baseline  a bare BullMQ Worker (child process, ./noop-worker.ts) doing no-op jobs at the matching
 *             processor's concurrency (10): BENCH_BASELINE_JOBS jobs added in bulk, timed from the
 *             first add to the last completion. Measured before and after the matching run.
 *   matching  one real worker process (`node dist/apps/worker/src/main.js`, its own env) and
 *             BENCH_INTENTS intents opened at once as the API opens them (intent, components and
 *             an `intent.opened` outbox row in one transaction, then NOTIFY): timed from the open
 *             (database clock) to the last match stored (max intent_matches.created_at), and to
 *             the last match job completed. BENCH_LONG_TAIL_SHARE of them (0.3) have no category.
 *
 *   search    the candidate search alone (VendorCandidateSearch in this process, the same intents,
 *             concurrency 10): the share of a match job that is the search.
 *
 * It reports intents/s against no-op jobs/s and their ratio, and the worker's CPU use. Same-run
 * ratios are the figures to compare; absolute rates depend on the machine and its load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { schemaDataSourceOptions } from '@app/schema';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import { VendorCandidateSearch } from '@app/matching/vendor-candidate-search';
import { OutboxTopic } from '@app/outbox/outbox-event.entity';
import { OUTBOX_CHANNEL } from '@app/outbox/record-event';
import { QueueName } from '@app/queues/queues';
import { type BenchIntent, generateIntents, redisUrl, runSuffix, table, withScratchDatabase } from './common';
import { type Taxonomy, loadTaxonomy, seedVendors } from './seed';

const VENDORS = Number(process.env.BENCH_VENDORS ?? 100_000);
const INTENTS = Number(process.env.BENCH_INTENTS ?? 2000);
const WARM_UP_INTENTS = 100;
const BASELINE_JOBS = Number(process.env.BENCH_BASELINE_JOBS ?? 20_000);
const LONG_TAIL_SHARE = Number(process.env.BENCH_LONG_TAIL_SHARE ?? 0.3);
const CONCURRENCY = 10;
const TIMEOUT_MS = 15 * 60_000;
const PREFIX = `icbench-${runSuffix}`;
/** The app's default job options (libs QueuesModule), so the baseline jobs weigh the same in Redis. */
const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

const log = (line: string) => console.log(line);
const connection = () => ({ url: redisUrl(), maxRetriesPerRequest: null });
const children = new Set<ChildProcess>();

/** Starts a child node process and waits for `readyLine` on its stdout. */
function startChild(script: string, env: NodeJS.ProcessEnv, readyLine: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script}: not ready within 60 s`)), 60_000);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
      if (output.length > 10_000) output = output.slice(-1000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(killer);
}

/** User + system CPU seconds of a process so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Rate {
  perSecond: number;
  seconds: number;
  count: number;
}

async function noopBaseline(round: number): Promise<Rate> {
  const name = `noop-${round}`;
  const child = await startChild(
    path.join(__dirname, 'noop-worker.js'),
    { REDIS_URL: redisUrl(), REDIS_PREFIX: PREFIX, QUEUE: name, CONCURRENCY: String(CONCURRENCY) },
    'ready',
  );
  const queue = new Queue(name, { connection: connection(), prefix: PREFIX });
  try {
    const started = performance.now();
    for (let first = 0; first < BASELINE_JOBS; first += 1000) {
      const count = Math.min(1000, BASELINE_JOBS - first);
      await queue.addBulk(
        Array.from({ length: count }, (_, index) => ({
          name: 'noop',
          data: { intentId: randomUUID() },
          opts: { ...JOB_OPTIONS, jobId: `noop.${first + index}` },
        })),
      );
    }
    await waitUntil(async () => (await queue.getJobCounts('completed')).completed >= BASELINE_JOBS, 'no-op jobs');
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: BASELINE_JOBS / seconds, seconds, count: BASELINE_JOBS };
  } finally {
    await queue.close();
    await stopChild(child);
  }
}

/** Opens intents as IntentsService.create + open do: rows, components and outbox events in one transaction. */
async function openIntents(
  client: Client,
  ownerId: string,
  intents: BenchIntent[],
): Promise<{ ids: string[]; at: Date }> {
  const ids = intents.map(() => randomUUID());
  await client.query('BEGIN');
  try {
    const [{ now }] = (await client.query<{ now: Date }>('SELECT now()')).rows;
    await client.query(
      `INSERT INTO intents (id, owner_id, title, description, category_code, status, exact_lat, exact_lng,
                            coarse_lat, coarse_lng, expires_at, opened_at)
       SELECT t.id, $2, t.title, t.description, t.category_code, 'open', t.exact_lat, t.exact_lng,
              t.coarse_lat, t.coarse_lng, now() + interval '30 days', now()
         FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, title text, description text, category_code text,
                                                 exact_lat float8, exact_lng float8, coarse_lat float8, coarse_lng float8)`,
      [
        JSON.stringify(
          intents.map((intent, index) => ({
            id: ids[index],
            title: intent.title,
            description: intent.description,
            category_code: intent.categoryCode,
            exact_lat: intent.exactLat,
            exact_lng: intent.exactLng,
            coarse_lat: intent.coarseLat,
            coarse_lng: intent.coarseLng,
          })),
        ),
        ownerId,
      ],
    );
    await client.query(
      `INSERT INTO intent_components (intent_id, position, title, description, category_code)
       SELECT t.intent_id, t.position, t.title, t.description, t.category_code
         FROM jsonb_to_recordset($1::jsonb) AS t(intent_id uuid, position int, title text, description text, category_code text)`,
      [
        JSON.stringify(
          intents.flatMap((intent, index) =>
            intent.components.map((component, position) => ({
              intent_id: ids[index],
              position,
              title: component.title,
              description: component.description,
              category_code: component.categoryCode,
            })),
          ),
        ),
      ],
    );
    await client.query(
      `INSERT INTO outbox_events (topic, payload) SELECT $1, jsonb_build_object('intentId', id) FROM unnest($2::uuid[]) AS id`,
      [OutboxTopic.MATCHING_REQUESTED, ids],
    );
    await client.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, OutboxTopic.MATCHING_REQUESTED]);
    await client.query('COMMIT');
    return { ids, at: now };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function mixedIntents(taxonomy: Taxonomy, count: number, seed: number): BenchIntent[] {
  const isLongTail = (index: number) => Math.floor((index + 1) * LONG_TAIL_SHARE) > Math.floor(index * LONG_TAIL_SHARE);
  const longTailCount = Math.floor(count * LONG_TAIL_SHARE);
  const categorised = generateIntents(taxonomy, 'categorised', count - longTailCount, seed);
  const uncategorised = generateIntents(taxonomy, 'long-tail', longTailCount, seed + 1);
  // Spread evenly, as they would arrive.
  let nextCategorised = 0;
  let nextLongTail = 0;
  return Array.from({ length: count }, (_, index) =>
    isLongTail(index) ? uncategorised[nextLongTail++] : categorised[nextCategorised++],
  );
}

/**
 * The candidate search alone, in this process, on the same intents at the same concurrency: how
 * much of a match job is the search (the rest: loading the intent, storing matches and their
 * notifications, the outbox relay, BullMQ).
 */
async function searchOnly(url: string, intents: BenchIntent[]): Promise<Rate> {
  const dataSource = new DataSource(schemaDataSourceOptions(url, 'intentcast-bench-search'));
  await dataSource.initialize();
  try {
    const search = new VendorCandidateSearch(
      dataSource,
      loadConfig({ DATABASE_URL: url, REDIS_URL: redisUrl(), JWT_SECRET: randomBytes(32).toString('hex') }),
    );
    const run = (intent: BenchIntent) =>
      search.findCandidates(
        { ...intent } as unknown as Intent,
        intent.components.map((component, position) => ({ ...component, position })) as IntentComponent[],
      );
    for (const intent of intents.slice(0, 50)) await run(intent);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < intents.length) await run(intents[next++]);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: intents.length / seconds, seconds, count: intents.length };
  } finally {
    await dataSource.destroy();
  }
}

interface MatchingRun extends Rate {
  toLastJobSeconds: number;
  matches: number;
  intentsWithMatches: number;
  failed: number;
  workerCpuSeconds: number;
}

async function matchingRun(url: string, client: Client, taxonomy: Taxonomy, ownerId: string): Promise<MatchingRun> {
  const worker = await startChild(
    path.join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.js'),
    {
      DATABASE_URL: url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: PREFIX,
      JWT_SECRET: randomBytes(32).toString('hex'),
      VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    'Intentcast worker ready',
  );
  const queue = new Queue(QueueName.MATCHING, { connection: connection(), prefix: PREFIX });
  try {
    const finished = async (expected: number) => {
      const counts = await queue.getJobCounts('completed', 'failed');
      return counts.completed + counts.failed >= expected;
    };
    // Warm-up: connections, plans, the lexeme statistics.
    await openIntents(client, ownerId, mixedIntents(taxonomy, WARM_UP_INTENTS, 11));
    await waitUntil(() => finished(WARM_UP_INTENTS), 'the warm-up intents');

    const intents = mixedIntents(taxonomy, INTENTS, 21);
    const cpuBefore = cpuSeconds(worker.pid!);
    const started = performance.now();
    const opened = await openIntents(client, ownerId, intents);
    await waitUntil(() => finished(WARM_UP_INTENTS + INTENTS), 'the match jobs');
    const toLastJobSeconds = (performance.now() - started) / 1000;
    const workerCpuSeconds = cpuSeconds(worker.pid!) - cpuBefore;
    const [row] = (
      await client.query<{ last: Date | null; matches: number; intents: number }>(
        `SELECT max(created_at) AS last, count(*)::int AS matches, count(DISTINCT intent_id)::int AS intents
           FROM intent_matches WHERE intent_id = ANY($1::uuid[])`,
        [opened.ids],
      )
    ).rows;
    const failed = (await queue.getJobCounts('failed')).failed;
    const seconds = row.last ? (row.last.getTime() - opened.at.getTime()) / 1000 : Number.NaN;
    return {
      perSecond: INTENTS / seconds,
      seconds,
      count: INTENTS,
      toLastJobSeconds,
      matches: row.matches,
      intentsWithMatches: row.intents,
      failed,
      workerCpuSeconds,
    };
  } finally {
    await queue.close();
    await stopChild(worker);
  }
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  log(
    `bench:matching-throughput: ${VENDORS.toLocaleString('en-GB')} vendors, ${INTENTS} intents ` +
      `(${Math.round(LONG_TAIL_SHARE * 100)}% long-tail), concurrency ${CONCURRENCY}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const cleanUp = async () => {
    await Promise.all([...children].map(stopChild));
    await deleteRedisKeys();
  };
  await withScratchDatabase(
    'ic_bench_matching_tp',
    async (url) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const taxonomy = await loadTaxonomy(client);
        await seedVendors(client, taxonomy, 1, VENDORS, log);
        const [{ id: ownerId }] = (
          await client.query<{ id: string }>(
            `INSERT INTO accounts (kind, email, display_name) VALUES ('individual', $1, 'Bench individual') RETURNING id`,
            [`bench-individual-${runSuffix}@example.test`],
          )
        ).rows;

        log('baseline: bare BullMQ no-op jobs');
        const before = await noopBaseline(1);
        log(`  ${before.perSecond.toFixed(0)} jobs/s`);
        log('candidate search only, in this process');
        const search = await searchOnly(url, mixedIntents(taxonomy, INTENTS, 21));
        log(`  ${search.perSecond.toFixed(0)} intents/s`);
        log('matching: one worker process');
        const matching = await matchingRun(url, client, taxonomy, ownerId);
        log(`  ${matching.perSecond.toFixed(0)} intents/s`);
        log('baseline again');
        const after = await noopBaseline(2);
        log(`  ${after.perSecond.toFixed(0)} jobs/s`);

        const baseline = (before.perSecond + after.perSecond) / 2;
        log('');
        log(
          table(
            ['run', 'count', 'seconds', 'per second', 'vs no-op'],
            [
              [
                'no-op BullMQ jobs (before)',
                String(before.count),
                before.seconds.toFixed(2),
                before.perSecond.toFixed(0),
                '',
              ],
              [
                'no-op BullMQ jobs (after)',
                String(after.count),
                after.seconds.toFixed(2),
                after.perSecond.toFixed(0),
                '',
              ],
              [
                `candidate search only (in-process, concurrency ${CONCURRENCY})`,
                String(search.count),
                search.seconds.toFixed(2),
                search.perSecond.toFixed(0),
                `${(baseline / search.perSecond).toFixed(1)}x slower`,
              ],
              [
                'intents matched (open -> last match stored)',
                String(matching.count),
                matching.seconds.toFixed(2),
                matching.perSecond.toFixed(0),
                `${(baseline / matching.perSecond).toFixed(1)}x slower`,
              ],
              [
                'intents matched (open -> last job done)',
                String(matching.count),
                matching.toLastJobSeconds.toFixed(2),
                (matching.count / matching.toLastJobSeconds).toFixed(0),
                `${(baseline / (matching.count / matching.toLastJobSeconds)).toFixed(1)}x slower`,
              ],
            ],
          ),
        );
        log('');
        log(
          `${matching.matches} matches stored for ${matching.intentsWithMatches} of ${matching.count} intents ` +
            `(${(matching.matches / matching.count).toFixed(1)} per intent); ${matching.failed} jobs failed; ` +
            `worker CPU ${matching.workerCpuSeconds.toFixed(1)} s over ${matching.toLastJobSeconds.toFixed(1)} s ` +
            `(${((100 * matching.workerCpuSeconds) / matching.toLastJobSeconds).toFixed(0)}% of one core; ` +
            `PostgreSQL and Redis share the same 2 cores)`,
        );
        log(
          `load average at the end: ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
        );
      } finally {
        await client.end();
      }
    },
    cleanUp,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

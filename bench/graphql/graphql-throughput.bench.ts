/**
 * GraphQL throughput of a 20-item list query, in one run, against:
 *
 *   bare-apollo     a bare Apollo Server 5 on plain Fastify, items from memory (the baseline)
 *   nest-memory     Nest 12 + Fastify + Apollo, a minimal module returning the same items from memory
 *   nest-fields     the same with @ResolveField methods for category/components/budget, shaped like
 *                   the real IntentsResolver: (parent, args, context), no parameter decorators
 *   nest-fields-decorated  the same methods taking @Parent()/@Context(), as the API's did before
 *   intentcast-api  the real API (createApiApp) on a fresh migrated PostgreSQL database, seeded with
 *                   one individual's 20 intents of 2 components each, called with that individual's JWT
 *
 * Each server runs in its own child process; autocannon runs here. Every round measures every
 * server (warm-up, then the measured window), rounds rotate the order, and the table reports
 * medians. Every server gets the very same request (query, headers, JWT).
 *
 *   npm run bench:graphql
 *   npm run bench:graphql -- --profile            also CPU-profile the real API under load (V8 sampling
 *                                                 profiler, started after the warm-up, stopped after the window)
 *   npm run bench:graphql -- --profile=nest-fields  or another server
 *   BENCH_ROUNDS=3 BENCH_DURATION_S=10 BENCH_WARMUP_S=3 BENCH_CONNECTIONS=50  (the defaults)
 *   BENCH_SERVERS=nest-fields        only these (comma-separated), plus bare-apollo and intentcast-api
 *
 * Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) to create and drop
 * its own database, and REDIS_URL (default redis://127.0.0.1:6379) under a prefix of its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { runMigrations } from '@app/schema/migrate';
import { formatProfileSummary, summariseProfile } from './cpu-profile';
import { CATEGORIES, COMPONENTS_PER_ITEM, ITEM_COUNT, LIST_QUERY, BUDGET, componentTitle, itemTitle } from './fixture';
import { type ChildMessage, type ParentMessage, SERVER_KINDS, type ServerKind } from './protocol';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** BENCH_SERVERS=nest-fields (comma-separated) measures only those, plus the baseline and the API (which seeds). */
const ONLY = process.env.BENCH_SERVERS?.split(',').map((kind) => kind.trim());
const KINDS = SERVER_KINDS.filter(
  (kind) => !ONLY || ONLY.includes(kind) || kind === 'bare-apollo' || kind === 'intentcast-api',
);
const PROFILE_ARG = process.argv.find((arg) => arg === '--profile' || arg.startsWith('--profile='));
const PROFILE_KIND: ServerKind | null = PROFILE_ARG
  ? ((PROFILE_ARG.split('=')[1] as ServerKind | undefined) ?? 'intentcast-api')
  : null;

const LABELS: Record<ServerKind, string> = {
  'bare-apollo': 'bare Apollo 5 + Fastify (memory)',
  'nest-memory': 'Nest 12 + Fastify + Apollo (memory)',
  'nest-fields': 'Nest 12 + Fastify + Apollo (memory, @ResolveField like the API)',
  'nest-fields-decorated': 'Nest 12 + Fastify + Apollo (memory, @ResolveField with @Parent/@Context)',
  'intentcast-api': 'Intentcast API (auth, validation, DataLoader, PostgreSQL)',
};

const serverUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const DATABASE = `ic_bench_${suffix}`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(pattern: string): Promise<number> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// Server child processes

interface ServerChild {
  kind: ServerKind;
  url: string;
  stats(resetLoopDelay?: boolean): Promise<Extract<ChildMessage, { type: 'stats' }>>;
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

function startServer(kind: ServerKind, env: NodeJS.ProcessEnv): Promise<ServerChild> {
  const child = spawn(process.execPath, [path.join(__dirname, 'server-process.js'), kind], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const request = <T extends ChildMessage['type']>(message: ParentMessage, reply: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (answer: ChildMessage) => {
        if (answer.type !== reply) return;
        child.off('message', onMessage);
        resolve(answer as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', onMessage);
      child.send(message, (error) => error && reject(error));
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind}: not ready within 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind}: exited with code ${code} before it was ready`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${kind}: ${message.error}`));
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({
          kind,
          url: `http://127.0.0.1:${message.port}/graphql`,
          stats: (resetLoopDelay = false) => request({ type: 'stats', resetLoopDelay }, 'stats'),
          profileStart: async () => void (await request({ type: 'profile-start' }, 'profile-started')),
          profileStop: async (file) => void (await request({ type: 'profile-stop', file }, 'profile-stopped')),
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.send({ type: 'stop' } satisfies ParentMessage);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// GraphQL calls, seeding and response checks

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`GraphQL ${response.status}: ${text.slice(0, 500)}`);
  return { data: body.data as T, bytes: Buffer.byteLength(text) };
}

/** One individual with ITEM_COUNT open intents of COMPONENTS_PER_ITEM components; returns its JWT. */
async function seed(url: string): Promise<string> {
  const { data } = await gql<{ signUp: { token: string } }>(
    url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
    {
      input: {
        kind: 'INDIVIDUAL',
        email: `bench.${suffix}@example.test`,
        password: 'correct horse battery',
        displayName: 'Bench Individual',
      },
    },
  );
  const token = data.signUp.token;
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  for (let index = 0; index < ITEM_COUNT; index += 1) {
    await gql(
      url,
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id } }`,
      {
        input: {
          title: itemTitle(index),
          categoryCode: CATEGORIES[index % CATEGORIES.length].code,
          location: { lat: 53.7997, lng: -1.5492 },
          budget: BUDGET,
          expiresAt,
          components: Array.from({ length: COMPONENTS_PER_ITEM }, (_, position) => ({
            title: componentTitle(index, position),
          })),
        },
      },
      token,
    );
  }
  return token;
}

interface ListAnswer {
  myIntents: {
    nodes: Array<{
      id: string;
      title: string;
      status: string;
      category: { code: string; name: string } | null;
      components: Array<{ id: string; title: string }>;
      budget: { amount: string; currency: string } | null;
    }>;
  };
}

/** Every server must answer the benched request with the same shape; returns the body size. */
async function checkAnswer(server: ServerChild, token: string): Promise<number> {
  const { data, bytes } = await gql<ListAnswer>(server.url, LIST_QUERY, {}, token);
  const nodes = data.myIntents.nodes;
  const ok =
    nodes.length === ITEM_COUNT &&
    nodes.every(
      (node) =>
        node.status === 'OPEN' &&
        node.category?.code &&
        node.category.name &&
        node.components.length === COMPONENTS_PER_ITEM &&
        node.budget?.amount === BUDGET.amount &&
        node.budget.currency === BUDGET.currency,
    );
  if (!ok) throw new Error(`${server.kind} answered an unexpected shape: ${JSON.stringify(data).slice(0, 500)}`);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Load

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  cpuMicrosPerRequest: number;
  statementsPerRequest: number;
  /** The server's event-loop delay over the window: how long a ready callback waited, p99 and max. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** Share of the machine's CPU time busy during the window (all processes, not only ours). */
  machineBusy: number;
  /** CPU of the PostgreSQL backends serving the bench database, per request (Linux only). */
  postgresMicrosPerRequest: number | null;
  /**
   * CPU cores' worth of time used during the window by anything but this bench (autocannon), the
   * measured server and the bench database's PostgreSQL backends: other work on a shared machine
   * (other databases' queries included), which skews every figure. Linux only.
   */
  otherCores: number | null;
}

/** Busy and total CPU time of the whole machine so far (all cores), in ms. */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/**
 * CPU ms used so far by each PostgreSQL backend serving the bench's database (from /proc: a
 * backend's command line names its database), by pid; null where there is no /proc.
 */
function postgresCpuMs(): Map<string, number> | null {
  try {
    const byPid = new Map<string, number>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      let commandLine: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      if (!commandLine.includes(` ${DATABASE} `)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime (fields 14 and 15 of stat) in clock ticks; USER_HZ is 100 on Linux.
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
    return byPid;
  } catch {
    return null;
  }
}

/** CPU ms the bench database's backends used between two postgresCpuMs() readings. */
function postgresDeltaMs(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
  if (!before || !after) return null;
  let delta = 0;
  for (const [pid, ms] of after) delta += ms - (before.get(pid) ?? 0);
  return delta;
}

function load(url: string, token: string, duration: number): Promise<Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: LIST_QUERY }),
    connections: CONNECTIONS,
    duration,
    timeout: 10,
  });
}

/**
 * The server's counters once it has answered every request it received: autocannon stops at the end
 * of its window with requests still in flight, which the server goes on to process.
 */
async function drained(server: ServerChild): Promise<Extract<ChildMessage, { type: 'stats' }>> {
  let stats = await server.stats();
  for (let polls = 0; polls < 100; polls += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await server.stats();
    if (next.responses === stats.responses) return next;
    stats = next;
  }
  return stats;
}

async function measure(server: ServerChild, token: string): Promise<Measurement> {
  await load(server.url, token, WARMUP_S);
  await drained(server);
  const before = await server.stats(true);
  const machineBefore = machineCpu();
  const selfBefore = process.cpuUsage();
  const postgresBefore = postgresCpuMs();
  const result = await load(server.url, token, DURATION_S);
  const after = await drained(server);
  const postgresAfter = postgresCpuMs();
  const selfAfter = process.cpuUsage(selfBefore);
  const machineAfter = machineCpu();
  const windowMs = (machineAfter.total - machineBefore.total) / cpus().length;
  const postgresMs = postgresDeltaMs(postgresBefore, postgresAfter);
  const ours = (after.cpuMicros - before.cpuMicros + selfAfter.user + selfAfter.system) / 1000 + (postgresMs ?? NaN);
  // Per-request figures divide by the responses the server finished in the window (in-flight ones
  // included), so that their CPU and statements are not charged to the requests autocannon counted.
  const requests = Math.max(1, after.responses - before.responses);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / requests,
    statementsPerRequest: (after.statements - before.statements) / requests,
    loopDelayP99: after.loopDelayP99Ms,
    loopDelayMax: after.loopDelayMaxMs,
    machineBusy: (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total),
    postgresMicrosPerRequest: postgresMs === null ? null : (postgresMs * 1000) / requests,
    otherCores: Number.isNaN(ours) ? null : Math.max(0, (machineAfter.busy - machineBefore.busy - ours) / windowMs),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Median PostgreSQL CPU per request, '-' for servers that never touch the database. */
function postgresColumn(runs: Measurement[]): string {
  const values = runs.flatMap((m) => (m.postgresMicrosPerRequest === null ? [] : [m.postgresMicrosPerRequest]));
  if (values.length === 0 || runs.every((m) => m.statementsPerRequest === 0)) return '-';
  return median(values).toFixed(0);
}

function printTable(results: Map<ServerKind, Measurement[]>, bytes: Map<ServerKind, number>): void {
  const baseline = results.get('bare-apollo')!;
  // Ratios are taken round by round (same minute, same machine noise), then the median.
  const ratio = (kind: ServerKind, pick: (m: Measurement) => number, inverse = false) =>
    median(
      results
        .get(kind)!
        .map((m, round) => (inverse ? pick(baseline[round]) / pick(m) : pick(m) / pick(baseline[round]))),
    );
  console.log(
    `\n### GraphQL throughput: myIntents(first: ${ITEM_COUNT}), ${CONNECTIONS} connections, ` +
      `${DURATION_S} s after ${WARMUP_S} s warm-up, median of ${ROUNDS} interleaved rounds\n`,
  );
  console.log(
    '| server | req/s | p50 ms | p99 ms | slower than bare Apollo (req/s) | p50 / p99 vs bare | server CPU µs/req | PostgreSQL CPU µs/req | SQL/req | event-loop delay p99 / max ms | req/s per round | body bytes |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const kind of KINDS) {
    const runs = results.get(kind)!;
    const failures = runs.reduce((sum, m) => sum + m.failures, 0);
    console.log(
      `| ${LABELS[kind]}${failures ? ` (${failures} failed requests!)` : ''} ` +
        `| ${median(runs.map((m) => m.rps)).toFixed(0)} ` +
        `| ${median(runs.map((m) => m.p50)).toFixed(0)} ` +
        `| ${median(runs.map((m) => m.p99)).toFixed(0)} ` +
        `| ${ratio(kind, (m) => m.rps, true).toFixed(2)}x ` +
        `| ${ratio(kind, (m) => m.p50).toFixed(2)}x / ${ratio(kind, (m) => m.p99).toFixed(2)}x ` +
        `| ${median(runs.map((m) => m.cpuMicrosPerRequest)).toFixed(0)} ` +
        `| ${postgresColumn(runs)} ` +
        `| ${median(runs.map((m) => m.statementsPerRequest)).toFixed(2)} ` +
        `| ${median(runs.map((m) => m.loopDelayP99)).toFixed(0)} / ${median(runs.map((m) => m.loopDelayMax)).toFixed(0)} ` +
        `| ${runs.map((m) => m.rps.toFixed(0)).join(', ')} ` +
        `| ${bytes.get(kind)} |`,
    );
  }
  console.log(
    '\n"slower" = bare Apollo req/s ÷ this req/s, per round, median. Server CPU is the server process ' +
      'only (user + system); PostgreSQL CPU is that of the backends serving the bench database. ' +
      'Autocannon, the servers and PostgreSQL share the machine; ' +
      'the per-round lines above say how busy the whole machine was (anything else running skews every figure).',
  );
  const others = [...results.values()].flat().flatMap((m) => (m.otherCores === null ? [] : [m.otherCores]));
  if (others.length > 0) {
    console.log(
      `Other processes (not autocannon, the server or PostgreSQL) used a median of ${median(others).toFixed(2)} ` +
        `and at most ${Math.max(...others).toFixed(2)} of the ${cpus().length} cores during the measured windows.`,
    );
  }
}

/**
 * CPU-profiles an already running (and measured) server over one more warm-up + window: the
 * profiler runs only during the window, so per-request figures divide the window's samples by the
 * window's requests (no start-up, no warm-up in either).
 */
async function profile(server: ServerChild, token: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'intentcast-graphql-prof-'));
  const file = path.join(dir, `${server.kind}.cpuprofile`);
  await load(server.url, token, WARMUP_S);
  const before = await drained(server);
  await server.profileStart();
  const result = await load(server.url, token, DURATION_S);
  const after = await drained(server);
  await server.profileStop(file);
  const requests = after.responses - before.responses;
  console.log(`\n### CPU profile of ${LABELS[server.kind]} (${file})\n`);
  console.log(`${result.requests.average.toFixed(0)} req/s while profiled (the profiler itself costs some).\n`);
  console.log(formatProfileSummary(summariseProfile(file), requests));
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = DATABASE;
  const redisPrefix = `icbench-${suffix}`;
  const servers: ServerChild[] = [];
  let databaseCreated = false;
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
      for (const child of children) child.kill('SIGKILL');
      if (databaseCreated) await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await deleteRedisKeys(`${redisPrefix}*`);
    })());
  process.once('SIGINT', () => {
    console.error('\ninterrupted: cleaning up');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    await onServer(`CREATE DATABASE "${database}"`);
    databaseCreated = true;
    await runMigrations(databaseUrl(database));
    const apiEnv: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl(database),
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    };

    for (const kind of KINDS) servers.push(await startServer(kind, kind === 'intentcast-api' ? apiEnv : {}));
    const api = servers.find((server) => server.kind === 'intentcast-api')!;
    const token = await seed(api.url);
    const bytes = new Map<ServerKind, number>();
    for (const server of servers) bytes.set(server.kind, await checkAnswer(server, token));
    console.log(
      `set-up (database, migrations, ${servers.length} servers, seed) took ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const results = new Map<ServerKind, Measurement[]>(KINDS.map((kind) => [kind, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotate the order so that no server is always measured first or last.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      const measured = new Map<ServerKind, Measurement>();
      for (const server of order) {
        const m = await measure(server, token);
        measured.set(server.kind, m);
        console.log(
          `round ${round + 1}/${ROUNDS} ${server.kind.padEnd(14)} ${m.rps.toFixed(0).padStart(6)} req/s ` +
            `p50 ${m.p50} ms p99 ${m.p99} ms ${m.cpuMicrosPerRequest.toFixed(0)} µs CPU/req ` +
            `loop delay p99 ${m.loopDelayP99.toFixed(0)} ms max ${m.loopDelayMax.toFixed(0)} ms, ` +
            `machine ${(100 * m.machineBusy).toFixed(0)}% busy` +
            (m.otherCores === null ? '' : `, other processes ${m.otherCores.toFixed(2)} cores`) +
            (m.failures ? ` ${m.failures} FAILED` : ''),
        );
      }
      // Stored in round order, so results.get(kind)[round] pairs with the baseline of the same round.
      for (const kind of KINDS) results.get(kind)!.push(measured.get(kind)!);
    }
    await checkAnswer(api, token);
    printTable(results, bytes);

    if (PROFILE_KIND) {
      const server = servers.find((candidate) => candidate.kind === PROFILE_KIND);
      if (!server) throw new Error(`--profile: unknown server kind "${PROFILE_KIND}"`);
      await profile(server, token);
    }
  } finally {
    await cleanUp();
    console.log(
      `\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s; database ${database} dropped, ${redisPrefix}* keys deleted`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Never leave a server behind, whatever happens.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

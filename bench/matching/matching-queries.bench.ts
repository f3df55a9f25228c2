/**
 * Match query time: `npm run bench:matching`.
 *
 * On a scratch database of its own (DATABASE_URL's server, default 127.0.0.1:5432; migrated with
 * runMigrations, dropped at the end) it seeds 100,000 and then 1,000,000 vendors (./seed.ts: one
 * SQL statement per table over generate_series), and at each size runs categorised and
 * uncategorised (long-tail) intents through VendorCandidateSearch.findCandidates, built directly
 * on a DataSource and a loaded AppConfig, one at a time. It reports p50/p99 per class, next to a
 * same-run baseline measured interleaved with them on the same connection pool: a `SELECT 1` round
 * trip and a primary-key lookup of a vendor. A second pass takes PostgreSQL's own planning +
 * execution time of the same searches (EXPLAIN ANALYZE), without round trips and client
 * scheduling, which a busy 2-core machine inflates. (`npm run bench:matching-quality` measures
 * what the same search finds, against labelled intents.)
 *
 *   npm run bench:matching
 *   BENCH_SIZES=100000 npm run bench:matching          only some sizes (ascending)
 *   BENCH_INTENTS=300 BENCH_REPEATS=3 MATCH_TOP_K=25   (the defaults)
 *
 * Each query (and each baseline statement) runs BENCH_REPEATS times in a row and counts with its
 * median, so a scheduling hiccup on a busy machine does not pass for an intent's query time.
 *
 * Same-run ratios are the figures to compare; absolute times depend on the machine and its load.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { schemaDataSourceOptions } from '@app/schema';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import { VendorCandidateSearch } from '@app/matching/vendor-candidate-search';
import {
  type BenchIntent,
  generateIntents,
  ms,
  percentile,
  random,
  redisUrl,
  table,
  withScratchDatabase,
} from './common';
import { loadTaxonomy, seedVendors } from './seed';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => size > 0)
  .sort((a, b) => a - b);
const INTENTS = Number(process.env.BENCH_INTENTS ?? 300);
const WARM_UP = 40;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const TOP_K = process.env.MATCH_TOP_K ?? '25';

const log = (line: string) => console.log(line);

interface Sample {
  ms: number;
  results: number;
  intent?: BenchIntent;
}

interface SizeResult {
  size: number;
  seedSeconds: number;
  sizes: { table: string; terms: string; areas: string };
  samples: Record<'categorised' | 'long-tail' | 'select 1' | 'pk lookup', Sample[]>;
  /** Per intent, PostgreSQL's own planning + execution time of its search statements (EXPLAIN ANALYZE). */
  server: Record<'categorised' | 'long-tail', number[]>;
}

const asIntent = (intent: BenchIntent) =>
  ({
    title: intent.title,
    description: intent.description,
    categoryCode: intent.categoryCode,
    coarseLat: intent.coarseLat,
    coarseLng: intent.coarseLng,
  }) as Intent;
const asComponents = (intent: BenchIntent) =>
  intent.components.map((component, position) => ({ ...component, position, optional: false })) as IntentComponent[];

/**
 * The median of REPEATS runs: one intent's query time without the scheduling hiccups of a
 * shared machine (2 cores), while the spread between intents (the real tail) stays.
 */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    const started = performance.now();
    value = await run();
    times.push(performance.now() - started);
  }
  return { ms: percentile(times, 50), value };
}

async function measure(url: string, size: number, seedSeconds: number): Promise<SizeResult> {
  const config = loadConfig({
    DATABASE_URL: url,
    REDIS_URL: redisUrl(),
    JWT_SECRET: 'bench-matching-secret-bench-matching-secret',
    MATCH_TOP_K: TOP_K,
    LOG_LEVEL: 'warn',
  });
  // No slow-query warnings: the old search at 1,000,000 vendors would fill the output with them.
  const dataSource = new DataSource({
    ...schemaDataSourceOptions(url, 'intentcast-bench-matching'),
    maxQueryExecutionTime: undefined,
  });
  await dataSource.initialize();
  try {
    const search = new VendorCandidateSearch(dataSource, config);
    const client = new Client({ connectionString: url });
    await client.connect();
    const taxonomy = await loadTaxonomy(client);
    const [sizes] = (
      await client.query<{ table: string; terms: string; areas: string }>(
        `SELECT pg_size_pretty(pg_total_relation_size('vendors')) AS table,
                pg_size_pretty(pg_total_relation_size('vendor_match_terms')) AS terms,
                pg_size_pretty(pg_total_relation_size('vendor_match_areas')) AS areas`,
      )
    ).rows;
    const { rows: ids } = await client.query<{ id: string }>(
      `SELECT id FROM vendors TABLESAMPLE SYSTEM (1) LIMIT 2000`,
    );
    await client.end();

    const seed = size % 1000;
    const categorised = generateIntents(taxonomy, 'categorised', INTENTS + WARM_UP, 1 + seed);
    const longTail = generateIntents(taxonomy, 'long-tail', INTENTS + WARM_UP, 2 + seed);
    const next = random(3 + seed);
    const pkLookup = () =>
      dataSource.query(`SELECT * FROM vendors WHERE id = $1`, [ids[Math.floor(next() * ids.length)].id]);

    // Warm-up: plans, caches, the taxonomy.
    for (let index = 0; index < WARM_UP; index += 1) {
      await search.findCandidates(asIntent(categorised[index]), asComponents(categorised[index]));
      await search.findCandidates(asIntent(longTail[index]), asComponents(longTail[index]));
      await dataSource.query('SELECT 1');
      await pkLookup();
    }
    const samples: SizeResult['samples'] = { categorised: [], 'long-tail': [], 'select 1': [], 'pk lookup': [] };
    // Interleaved, so every class sees the same conditions.
    for (let index = WARM_UP; index < WARM_UP + INTENTS; index += 1) {
      for (const intent of [categorised[index], longTail[index]]) {
        const run = await timed(() => search.findCandidates(asIntent(intent), asComponents(intent)));
        samples[intent.kind].push({ ms: run.ms, results: run.value.length, intent });
      }
      const one = await timed(() => dataSource.query('SELECT 1'));
      samples['select 1'].push({ ms: one.ms, results: 1 });
      const pk = await timed(pkLookup);
      samples['pk lookup'].push({ ms: pk.ms, results: pk.value.length });
    }
    const server = await serverTimes(dataSource, search, categorised.slice(WARM_UP), longTail.slice(WARM_UP));
    return { size, seedSeconds, sizes, samples, server };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The same intents again, once each, with every search statement also run under EXPLAIN (ANALYZE,
 * TIMING OFF): the time PostgreSQL itself spends planning and executing them, summed per intent.
 * Round trips and the client's scheduling are left out, which on a busy shared machine are most of
 * the spread.
 */
async function serverTimes(
  dataSource: DataSource,
  search: VendorCandidateSearch,
  categorised: BenchIntent[],
  longTail: BenchIntent[],
): Promise<SizeResult['server']> {
  const query = dataSource.query.bind(dataSource);
  let spent = 0;
  // The statement runs first as the search runs it, then once more under EXPLAIN: the figure is
  // of a second run, as warm as the timed pass's median of three.
  const explaining = async (sql: string, parameters?: unknown[]) => {
    const result = await query(sql, parameters);
    const [row] = await query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, parameters);
    const plan = row['QUERY PLAN'][0] as { 'Planning Time': number; 'Execution Time': number };
    spent += plan['Planning Time'] + plan['Execution Time'];
    return result;
  };
  const server: SizeResult['server'] = { categorised: [], 'long-tail': [] };
  dataSource.query = explaining as typeof dataSource.query;
  try {
    for (const intent of [...categorised, ...longTail]) {
      spent = 0;
      await search.findCandidates(asIntent(intent), asComponents(intent));
      server[intent.kind].push(spent);
    }
  } finally {
    dataSource.query = query;
  }
  return server;
}

function report(results: SizeResult[]): void {
  log('');
  log(`Match query time, findCandidates (top K = ${TOP_K}), ${INTENTS} intents per class, one at a time`);
  log('');
  const rows: string[][] = [];
  for (const result of results) {
    const baseline = percentile(
      result.samples['pk lookup'].map((s) => s.ms),
      50,
    );
    for (const kind of ['categorised', 'long-tail', 'select 1', 'pk lookup'] as const) {
      const times = result.samples[kind].map((s) => s.ms);
      const results = result.samples[kind].map((s) => s.results);
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      rows.push([
        result.size.toLocaleString('en-GB'),
        kind,
        ms(p50),
        ms(p99),
        ms(Math.max(...times)),
        `${(p50 / baseline).toFixed(1)}x`,
        `${(p99 / baseline).toFixed(1)}x`,
        kind === 'categorised' || kind === 'long-tail'
          ? (results.reduce((a, b) => a + b, 0) / results.length).toFixed(1)
          : '',
      ]);
    }
    for (const kind of ['categorised', 'long-tail'] as const) {
      const times = result.server[kind];
      rows.push([
        result.size.toLocaleString('en-GB'),
        `${kind}: PostgreSQL plan + execution`,
        ms(percentile(times, 50)),
        ms(percentile(times, 99)),
        ms(Math.max(...times)),
        `${(percentile(times, 50) / baseline).toFixed(1)}x`,
        `${(percentile(times, 99) / baseline).toFixed(1)}x`,
        '',
      ]);
    }
  }
  log(table(['vendors', 'query', 'p50', 'p99', 'max', 'p50/pk p50', 'p99/pk p50', 'mean matches'], rows));
  log('');
  for (const result of results) {
    log(
      `${result.size.toLocaleString('en-GB')} vendors: seeded in ${result.seedSeconds.toFixed(0)} s; vendors table ` +
        `${result.sizes.table} with indexes, vendor_match_areas ${result.sizes.areas} and ` +
        `vendor_match_terms ${result.sizes.terms} with theirs`,
    );
  }
  log('Targets at 100,000: categorised p99 <= 10 ms, long-tail p99 <= 25 ms.');
  for (const result of results) {
    for (const kind of ['categorised', 'long-tail'] as const) {
      log(`slowest ${kind} at ${result.size.toLocaleString('en-GB')}:`);
      for (const sample of [...result.samples[kind]].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
        const intent = sample.intent!;
        const codes = intent.components.map((c) => c.categoryCode).filter(Boolean);
        log(
          `  ${ms(sample.ms)}  "${intent.title}"${codes.length ? ` [${codes.join(', ')}]` : ''} at ` +
            `${intent.coarseLat}, ${intent.coarseLng}`,
        );
      }
    }
  }
  log(
    `load average at the end: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (2 cores)`,
  );
}

async function main(): Promise<void> {
  log(
    `bench:matching, sizes ${SIZES.join(', ')}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await withScratchDatabase('ic_bench_matching', async (url) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    const taxonomy = await loadTaxonomy(client);
    const results: SizeResult[] = [];
    let seeded = 0;
    try {
      for (const size of SIZES) {
        log(`seeding to ${size.toLocaleString('en-GB')} vendors`);
        const started = performance.now();
        await seedVendors(client, taxonomy, seeded + 1, size - seeded, log);
        const seedSeconds = (performance.now() - started) / 1000;
        seeded = size;
        log(`measuring at ${size.toLocaleString('en-GB')} vendors`);
        results.push(await measure(url, size, seedSeconds));
        // Reported as it goes: the larger sizes take a while.
        report(results);
      }
    } finally {
      await client.end();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Matching quality: `npm run bench:matching-quality`.
 *
 * For each market size (BENCH_MARKETS, default "300,50000": a small fresh market of 12 towns like
 * the demo's, then 50,000 vendors over 52 UK towns, analysed as autovacuum would leave it) it
 * creates a scratch database (DATABASE_URL's server, migrated, dropped at the end), seeds a
 * labelled market (./market.ts: trades, unlisted trades, decoys full of place names and common
 * words, rare specialists; intents of five classes with their relevant vendors written down from
 * the labels), and runs every intent through VendorCandidateSearch.findCandidates, the matcher
 * the worker uses, and through two baselines in the same run:
 *   baseline     PostgreSQL websearch_to_tsquery over the intent's text, ranked by ts_rank_cd,
 *                among the vendors whose area reaches the intent (top K)
 *   baseline-or  the same query with its terms OR-ed (any word matches)
 *
 * Per class it reports precision@K (matched vendors that are relevant, over intents with any
 * match), recall@K (relevant vendors matched, of at most K per need), intents with no match,
 * matches per intent, off-family matches (vendors of no trade in any of the intent's category
 * families, categorised needs only) and how many of those came through place names or common
 * words alone, and the matcher's query time. Every intent with its relevant and matched vendors
 * is written to BENCH_REPORT (default .data/bench/matching-quality-<size>.json).
 *
 *   npm run bench:matching-quality
 *   BENCH_MARKETS=50000 BENCH_PER_CLASS=64 BENCH_SEED=1 MATCH_TOP_K=25   (defaults: 30 per class
 *   for markets under 1,000 vendors, else 64; 5 classes)
 *   BENCH_LABEL=before      names the matcher's rows (run the same file on an older checkout)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { schemaDataSourceOptions } from '@app/schema';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import { VendorCandidateSearch } from '@app/matching/vendor-candidate-search';
import { ms, percentile, redisUrl, table, withScratchDatabase } from '../matching/common';
import { PLACES } from '../matching/vocabulary';
import { seedMarket } from './seed-market';
import {
  DISTRICTS,
  INTENT_CLASSES,
  type IntentClass,
  type Market,
  type MarketIntent,
  family,
  generateMarket,
} from './market';

const MARKETS = (process.env.BENCH_MARKETS ?? '300,50000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => size > 0);
const TOP_K = Number(process.env.MATCH_TOP_K ?? 25);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const LABEL = process.env.BENCH_LABEL ?? 'matcher';

/** Words that say nothing of a need: a match through these (and places) alone is a match through places or filler. */
const COMMON = new Set(
  (
    'service services professional help house home local reliable quality friendly free quotes quote need ' +
    'looking someone please job small insured area whole week days good urgent price'
  ).split(' '),
);

interface Matched {
  vendors: number[];
  /** The lexemes each matched vendor shares with the intent: the matcher's word reasons, or what a baseline's match shares. */
  words: Map<number, string[]>;
  ms: number;
}

interface Row {
  intent: MarketIntent;
  method: string;
  matched: Matched;
}

const asIntent = (intent: MarketIntent) =>
  ({
    title: intent.title,
    description: intent.description,
    categoryCode: intent.categoryCode,
    coarseLat: intent.coarseLat,
    coarseLng: intent.coarseLng,
  }) as Intent;

const asComponents = (intent: MarketIntent) =>
  intent.needs.map((need, position) => ({
    id: `component-${position}`,
    position,
    title: need.title,
    description: need.description,
    categoryCode: need.categoryCode,
    optional: false,
  })) as IntentComponent[];

/** The intent's whole text, as a plain full-text search would take it. */
const textOf = (intent: MarketIntent) =>
  [intent.title, intent.description, ...intent.needs.flatMap((need) => [need.title, need.description])]
    .filter(Boolean)
    .join(' ');

/** The baselines: websearch_to_tsquery (AND, or its terms OR-ed), ranked by ts_rank_cd among the vendors in reach. */
async function baseline(dataSource: DataSource, intent: MarketIntent, ids: Map<string, number>, or: boolean) {
  const query = or
    ? `replace(websearch_to_tsquery('english', $3)::text, '&', '|')::tsquery`
    : `websearch_to_tsquery('english', $3)`;
  const started = performance.now();
  const rows: Array<{ id: string; shared: string[] }> = await dataSource.query(
    `WITH q AS (SELECT ${query} AS query)
     SELECT v.id, ARRAY(SELECT unnest(tsvector_to_array(v.search_document))
                        INTERSECT SELECT unnest(tsvector_to_array(to_tsvector('english', $3)))) AS shared
       FROM (
       SELECT v.id, v.search_document, v.service_lat, v.service_radius_km,
              2 * 6371 * asin(sqrt(power(sin(radians(v.service_lat - $1) / 2), 2) +
                cos(radians($1)) * cos(radians(v.service_lat)) * power(sin(radians(v.service_lng - $2) / 2), 2))) AS distance_km
         FROM vendors v, q WHERE v.search_document @@ q.query OFFSET 0) v, q
      WHERE v.service_lat IS NULL OR (v.service_radius_km IS NOT NULL AND v.distance_km <= v.service_radius_km)
      ORDER BY ts_rank_cd(v.search_document, q.query) DESC, v.id
      LIMIT $4`,
    [intent.coarseLat, intent.coarseLng, textOf(intent), TOP_K],
  );
  return {
    vendors: rows.map((row) => ids.get(row.id)!),
    words: new Map(rows.map((row) => [ids.get(row.id)!, row.shared])),
    ms: performance.now() - started,
  };
}

async function evaluate(size: number): Promise<void> {
  const perClass = Number(process.env.BENCH_PER_CLASS ?? (size < 1000 ? 30 : 64));
  const market = generateMarket({
    vendors: size,
    perClass: Object.fromEntries(INTENT_CLASSES.map((cls) => [cls, perClass])) as Record<IntentClass, number>,
    seed: SEED,
    towns: size < 1000 ? 'demo' : 'uk',
  });
  console.log(
    `\n## ${size.toLocaleString('en-GB')} vendors (${size < 1000 ? '12 demo towns, fresh: never analysed' : '52 UK towns, analysed'}), ` +
      `${market.intents.length} intents, K = ${TOP_K}, seed ${SEED}`,
  );
  await withScratchDatabase('ic_bench_quality', async (url) => {
    const dataSource = new DataSource({
      ...schemaDataSourceOptions(url, 'intentcast-bench-quality'),
      maxQueryExecutionTime: undefined,
    });
    await dataSource.initialize();
    try {
      const seeding = performance.now();
      const ids = await seedMarket(dataSource, market);
      if (size >= 1000) await dataSource.query('VACUUM ANALYZE');
      console.log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      const config = loadConfig({
        DATABASE_URL: url,
        REDIS_URL: redisUrl(),
        JWT_SECRET: 'bench-matching-quality-secret-bench-matching',
        MATCH_TOP_K: String(TOP_K),
        LOG_LEVEL: 'warn',
      });
      const search = new VendorCandidateSearch(dataSource, config);
      // Warm-up, a few intents of every class: caches, plans and the word lists loaded on first use
      // (the taxonomy, SCOWL's English words), so the first intents' times are not the cold start.
      for (const cls of INTENT_CLASSES) {
        for (const intent of market.intents.filter((candidate) => candidate.class === cls).slice(0, 3)) {
          await search.findCandidates(asIntent(intent), asComponents(intent));
        }
      }
      const rows: Row[] = [];
      for (const intent of market.intents) {
        const started = performance.now();
        const candidates = await search.findCandidates(asIntent(intent), asComponents(intent));
        const elapsed = performance.now() - started;
        const words = new Map<number, string[]>();
        const vendors = candidates.map((candidate) => {
          const index = ids.get(candidate.vendorId)!;
          // Lexemes where the matcher gives them; the words it reports otherwise (an older matcher).
          const reasons = candidate.reasons as { wordMatches?: Array<{ lexeme: string }>; words?: string[] };
          const shared =
            reasons.wordMatches?.map((match) => match.lexeme) ?? reasons.words?.map((word) => word.toLowerCase());
          if (shared?.length) words.set(index, shared);
          return index;
        });
        rows.push({ intent, method: LABEL, matched: { vendors, words, ms: elapsed } });
        rows.push({ intent, method: 'baseline', matched: await baseline(dataSource, intent, ids, false) });
        rows.push({ intent, method: 'baseline-or', matched: await baseline(dataSource, intent, ids, true) });
      }
      const [{ lexemes }]: Array<{ lexemes: string[] }> = await dataSource.query(
        `SELECT array_agg(DISTINCT l.lexeme) AS lexemes FROM unnest(to_tsvector('english', $1)) AS l`,
        [[...COMMON, ...PLACE_WORDS].join(' ')],
      );
      report(size, market, rows, new Set([...lexemes, ...COMMON, ...PLACE_WORDS]));
    } finally {
      await dataSource.destroy();
    }
  });
}

/** `commonWords`: lexemes and words of places and filler; a match through these alone is counted as one. */
function report(size: number, market: Market, rows: Row[], commonWords: Set<string>): void {
  const lines: string[][] = [];
  const details: unknown[] = [];
  for (const cls of INTENT_CLASSES) {
    for (const method of [LABEL, 'baseline', 'baseline-or']) {
      const selected = rows.filter((row) => row.intent.class === cls && row.method === method);
      if (selected.length === 0) continue;
      const precisions: number[] = [];
      const recalls: number[] = [];
      let empty = 0;
      let matches = 0;
      let offFamily = 0;
      let offFamilyByCommonWords = 0;
      for (const { intent, matched } of selected) {
        const relevant = new Set(intent.relevant.flat());
        const hits = matched.vendors.filter((vendor) => relevant.has(vendor)).length;
        matches += matched.vendors.length;
        if (matched.vendors.length === 0) empty += 1;
        else precisions.push(hits / matched.vendors.length);
        // Recall of each need that has relevant vendors in reach, at most K of them expected.
        for (const list of intent.relevant.filter((candidates) => candidates.length > 0)) {
          const expected = Math.min(list.length, TOP_K);
          recalls.push(Math.min(expected, list.filter((vendor) => matched.vendors.includes(vendor)).length) / expected);
        }
        const families = intent.needs.flatMap((need) => (need.categoryCode ? [...family(need.categoryCode)] : []));
        if (families.length > 0) {
          const members = new Set(families);
          for (const vendor of matched.vendors) {
            if (market.vendors[vendor].trades.some((code) => members.has(code))) continue;
            if (intent.needs.some((need) => need.specialty && market.vendors[vendor].specialty === need.specialty))
              continue;
            offFamily += 1;
            const words = matched.words.get(vendor) ?? [];
            if (words.length > 0 && words.every((word) => commonWords.has(word))) {
              offFamilyByCommonWords += 1;
            }
          }
        }
        if (method === LABEL) {
          details.push({
            class: cls,
            title: intent.title,
            description: intent.description,
            needs: intent.needs,
            point: { lat: intent.coarseLat, lng: intent.coarseLng },
            relevant: intent.relevant.map((list) => list.map((vendor) => describe(market, vendor))),
            matched: matched.vendors.map((vendor) => ({
              ...describe(market, vendor),
              relevant: relevant.has(vendor),
              words: matched.words.get(vendor) ?? [],
            })),
            ms: Math.round(matched.ms * 100) / 100,
          });
        }
      }
      const mean = (values: number[]) =>
        values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
      const times = selected.map((row) => row.matched.ms);
      lines.push([
        cls,
        String(selected.length),
        method,
        mean(precisions).toFixed(3),
        mean(recalls).toFixed(3),
        String(empty),
        (matches / selected.length).toFixed(1),
        families(cls) ? `${offFamily} (${offFamilyByCommonWords})` : '-',
        ms(percentile(times, 50)),
        ms(percentile(times, 99)),
      ]);
    }
  }
  console.log(
    table(
      [
        'class',
        'intents',
        'method',
        'precision@K',
        'recall@K',
        'no match',
        'matches/intent',
        'off-family (places/common)',
        'p50',
        'p99',
      ],
      lines,
    ),
  );
  const file = process.env.BENCH_REPORT ?? path.join('.data', 'bench', `matching-quality-${size}-${LABEL}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ size, topK: TOP_K, seed: SEED, method: LABEL, intents: details }, null, 1));
  console.log(`every intent, its relevant and its matched vendors: ${file}`);
}

const families = (cls: IntentClass) =>
  cls === 'categorised' || cls === 'multi-component' || cls === 'places-and-common-words';

/** Town and district names the market uses. */
const PLACE_WORDS = new Set(
  [...PLACES.map((place) => place.name), 'Bath', ...DISTRICTS].flatMap((name) => name.toLowerCase().split(/[^a-z]+/)),
);

function describe(market: Market, vendor: number) {
  const v = market.vendors[vendor];
  return { vendor, name: v.name, kind: v.kind, trades: v.trades, specialty: v.specialty };
}

async function main(): Promise<void> {
  console.log(`# Matching quality (${new Date().toISOString()})`);
  for (const size of MARKETS) await evaluate(size);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

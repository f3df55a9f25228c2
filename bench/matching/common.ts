/**
 * Shared by the matching benches: a scratch database of their own (created, migrated, dropped),
 * a seeded random generator, the generated intents, and percentiles.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@app/schema/migrate';
import { coarsen } from '@app/intents/coarse-location';
import type { Taxonomy } from './seed';
import { FILLER_WORDS, INTENT_TEMPLATES, NICHE_WORDS, PLACES } from './vocabulary';

export const serverUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const runSuffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated scratch database for `run`, dropped afterwards, also on failure and on Ctrl-C
 * (`cleanUp` runs first, e.g. to stop child processes still connected to it).
 */
export async function withScratchDatabase(
  prefix: string,
  run: (url: string) => Promise<void>,
  cleanUp: () => Promise<void> = async () => undefined,
): Promise<void> {
  const name = `${prefix}_${runSuffix}`;
  let created = false;
  const drop = async () => {
    await cleanUp().catch(() => undefined);
    if (created) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    created = false;
  };
  process.once('SIGINT', () => {
    console.error('\ninterrupted: dropping the scratch database');
    void drop().finally(() => process.exit(130));
  });
  try {
    await onServer(`CREATE DATABASE "${name}"`);
    created = true;
    await runMigrations(databaseUrl(name));
    await run(databaseUrl(name));
  } finally {
    await drop();
  }
}

/** mulberry32: small, fast, seeded; the same seed gives the same intents in every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchIntent {
  kind: 'categorised' | 'long-tail';
  title: string;
  description: string;
  categoryCode: string | null;
  exactLat: number;
  exactLng: number;
  coarseLat: number;
  coarseLng: number;
  components: Array<{ title: string; description: string; categoryCode: string | null }>;
}

/**
 * Intents as individuals would post them: where people live (population-weighted towns, within
 * ~10 km), categorised ones in a category drawn with the vendors' popularity skew (busy categories
 * are asked for more), 20% with a second component; long-tail ones with no category, written with
 * 1-3 specialist words (common to rare) and filler.
 */
export function generateIntents(taxonomy: Taxonomy, kind: BenchIntent['kind'], count: number, seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const totalWeight = PLACES.reduce((sum, place) => sum + place.weight, 0);
  const place = () => {
    let left = next() * totalWeight;
    for (const candidate of PLACES) {
      left -= candidate.weight;
      if (left <= 0) return candidate;
    }
    return PLACES[0];
  };
  const leaf = () => taxonomy.leaves[Math.floor(Math.pow(next(), 1.5) * taxonomy.leaves.length)];
  const niche = () => NICHE_WORDS[Math.floor(Math.exp(next() * Math.log(NICHE_WORDS.length)))];
  const intents: BenchIntent[] = [];
  for (let index = 0; index < count; index += 1) {
    const town = place();
    const distance = 10 * Math.sqrt(next());
    const angle = 2 * Math.PI * next();
    const exactLat = town.lat + (distance * Math.cos(angle)) / 111.2;
    const exactLng = town.lng + (distance * Math.sin(angle)) / (111.2 * Math.cos((town.lat * Math.PI) / 180));
    const located = { exactLat, exactLng, coarseLat: coarsen(exactLat), coarseLng: coarsen(exactLng) };
    if (kind === 'categorised') {
      const first = leaf();
      const components = [{ title: first.name, description: '', categoryCode: first.code }];
      if (next() < 0.2) {
        const second = leaf();
        if (second.code !== first.code)
          components.push({ title: second.name, description: '', categoryCode: second.code });
      }
      intents.push({
        kind,
        title: `${first.name} in ${town.name}`,
        description: `Looking for ${first.name.toLowerCase()} near ${town.name}, ${pick(FILLER_WORDS)} please`,
        categoryCode: first.code,
        components,
        ...located,
      });
    } else {
      const template = pick(INTENT_TEMPLATES);
      const title = template.replace(/\{(\d)\}/g, () => niche());
      const description = `${pick(FILLER_WORDS)} ${pick(FILLER_WORDS)}, ${niche()} ${pick(FILLER_WORDS)}`;
      intents.push({
        kind,
        title,
        description,
        categoryCode: null,
        components: [{ title, description, categoryCode: null }],
        ...located,
      });
    }
  }
  return intents;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => (Number.isNaN(value) ? '-' : `${value.toFixed(value < 10 ? 2 : 1)} ms`);

/** A plain-text table with aligned columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

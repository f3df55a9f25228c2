/**
 * Bulk vendor seeding for the matching benches: one INSERT ... SELECT over generate_series per
 * table, every attribute drawn in SQL (setseed makes a run repeatable). Categories come from the
 * migrated taxonomy (`categories`), places and words from ./vocabulary.
 *
 * Shape of the data: 70% of vendors cluster around UK towns weighted by urban population (centre
 * within 25 km), 30% are spread around any town alike (within 60 km: small towns, rural); service
 * radius 5-100 km skewed towards small, 3% serve anywhere (no area); one leaf category each
 * (popularity skewed: the busiest leaf holds ~3%), 35% a second one, 10% also list the parent;
 * keywords from the category plus 0-3 specialist words (Zipf-like: a few common, a long tail),
 * descriptions from generic sentences plus the category names, town and specialist words;
 * 30% unrated, the rest rated 1-5 (mean ~4).
 */
import type { Client } from 'pg';
import { COMMON_SENTENCES, NAME_PREFIXES, NICHE_WORDS, PLACES } from './vocabulary';

export interface Taxonomy {
  leaves: Array<{ code: string; name: string; parentCode: string | null; keywords: string[] }>;
}

export async function loadTaxonomy(client: Client): Promise<Taxonomy> {
  const { rows } = await client.query<{ code: string; name: string; parent_code: string | null; keywords: string[] }>(
    `SELECT c.code, c.name, c.parent_code, c.keywords FROM categories c
      WHERE NOT EXISTS (SELECT 1 FROM categories child WHERE child.parent_code = c.code)
      ORDER BY md5(c.code)`,
  );
  return { leaves: rows.map((row) => ({ ...row, parentCode: row.parent_code })) };
}

/** Place indices repeated by weight, so a uniform pick over the slots is a population-weighted pick. */
function placeSlots(): number[] {
  const total = PLACES.reduce((sum, place) => sum + place.weight, 0);
  return PLACES.flatMap((place, index) =>
    Array.from({ length: Math.max(1, Math.round((place.weight / total) * 2000)) }, () => index + 1),
  );
}

/**
 * Adds `count` vendors (and their accounts), numbered from `first`; the triggers on vendors fill
 * vendor_match_areas, vendor_match_terms and vendor_words. Non-unique indexes on both are dropped first and rebuilt afterwards (much
 * faster than maintaining GIN indexes row by row); their definitions are read back from the
 * catalogue, so the migrations stay the only source.
 */
export async function seedVendors(
  client: Client,
  taxonomy: Taxonomy,
  first: number,
  count: number,
  log: (line: string) => void,
): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname IN ('vendors', 'vendor_match_areas', 'vendor_match_terms', 'vendor_words') AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
  );
  const started = Date.now();
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SELECT setseed($1)`, [(first % 997) / 997]);
  const leaves = taxonomy.leaves;
  await client.query('BEGIN');
  try {
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    await client.query(
      `CREATE TEMP TABLE seed_vendors ON COMMIT DROP AS
     SELECT g,
            gen_random_uuid() AS account_id,
            random() < 0.3 AS dispersed,
            ($1::int[])[1 + floor(random() * array_length($1::int[], 1))::int] AS weighted_place,
            1 + floor(random() * $8::int)::int AS any_place,
            random() AS r_offset, random() AS r_angle, random() AS r_radius, random() AS r_anywhere,
            1 + floor(power(random(), 1.5) * $2::int)::int AS cat1,
            CASE WHEN random() < 0.35 THEN 1 + floor(power(random(), 1.5) * $2::int)::int END AS cat2,
            random() < 0.10 AS with_parent,
            floor(random() * 4)::int AS niche_count,
            ARRAY[floor(exp(random() * ln($3::int)))::int, floor(exp(random() * ln($3::int)))::int,
                  floor(exp(random() * ln($3::int)))::int] AS niche,
            1 + floor(random() * $4::int)::int AS sentence1,
            1 + floor(random() * $4::int)::int AS sentence2,
            1 + floor(random() * $5::int)::int AS prefix,
            CASE WHEN random() < 0.3 THEN NULL ELSE round((1 + 4 * (1 - power(random(), 3)))::numeric, 1)::float8 END
              AS rating
       FROM generate_series($6::int, $6::int + $7::int - 1) AS g`,
      [
        placeSlots(),
        leaves.length,
        NICHE_WORDS.length,
        COMMON_SENTENCES.length,
        NAME_PREFIXES.length,
        first,
        count,
        PLACES.length,
      ],
    );
    await client.query(
      `CREATE TEMP TABLE seed_vendors_rows ON COMMIT DROP AS
       SELECT s.*, ($1::float8[])[p.place] AS town_lat, ($2::float8[])[p.place] AS town_lng,
              ($3::text[])[p.place] AS town, CASE WHEN s.dispersed THEN 60 ELSE 25 END AS spread_km
         FROM seed_vendors s, LATERAL (SELECT CASE WHEN s.dispersed THEN s.any_place ELSE s.weighted_place END) AS p(place)`,
      [PLACES.map((p) => p.lat), PLACES.map((p) => p.lng), PLACES.map((p) => p.name)],
    );
    await client.query(
      `INSERT INTO accounts (id, kind, email, display_name)
       SELECT account_id, 'vendor', 'bench-vendor-' || g || '@example.test', 'Bench vendor ' || g FROM seed_vendors_rows`,
    );
    await client.query(
      `INSERT INTO vendors (account_id, name, description, keywords, languages, category_codes,
                            service_lat, service_lng, service_radius_km, rating_average, rating_count)
       SELECT s.account_id,
              ($5::text[])[s.prefix] || ' ' || ($2::text[])[s.cat1] || ' ' || s.town,
              ($7::text[])[s.sentence1] || ' ' || ($2::text[])[s.cat1] ||
                coalesce(' and ' || lower(($2::text[])[s.cat2]), '') || ' in and around ' || s.town || '. ' ||
                CASE WHEN s.niche_count > 1
                     THEN 'Specialists in ' || array_to_string(
                            ARRAY(SELECT ($6::text[])[n] FROM unnest(s.niche[2:s.niche_count]) AS n), ', ') || '. '
                     ELSE '' END ||
                ($7::text[])[s.sentence2],
              string_to_array(($4::text[])[s.cat1], '|') ||
                CASE WHEN s.niche_count > 0 THEN ARRAY[($6::text[])[s.niche[1]]] ELSE '{}'::text[] END,
              CASE WHEN s.g % 7 = 0 THEN ARRAY['en', 'pl'] ELSE ARRAY['en'] END,
              ARRAY[($1::text[])[s.cat1]] ||
                CASE WHEN s.cat2 IS NOT NULL AND s.cat2 <> s.cat1 THEN ARRAY[($1::text[])[s.cat2]] ELSE '{}' END ||
                CASE WHEN s.with_parent AND ($3::text[])[s.cat1] <> '' THEN ARRAY[($3::text[])[s.cat1]] ELSE '{}' END,
              CASE WHEN s.r_anywhere < 0.03 THEN NULL
                   ELSE s.town_lat + s.spread_km * sqrt(s.r_offset) * cos(2 * pi() * s.r_angle) / 111.2 END,
              CASE WHEN s.r_anywhere < 0.03 THEN NULL
                   ELSE s.town_lng + s.spread_km * sqrt(s.r_offset) * sin(2 * pi() * s.r_angle)
                                     / (111.2 * cos(radians(s.town_lat))) END,
              CASE WHEN s.r_anywhere < 0.03 THEN NULL ELSE 5 + round(95 * power(s.r_radius, 1.7))::int END,
              s.rating,
              CASE WHEN s.rating IS NULL THEN 0 ELSE 1 + (s.g::bigint * 7919) % 200 END
         FROM seed_vendors_rows s`,
      [
        leaves.map((leaf) => leaf.code),
        leaves.map((leaf) => leaf.name),
        leaves.map((leaf) => leaf.parentCode ?? ''),
        leaves.map((leaf) => leaf.keywords.join('|')),
        NAME_PREFIXES,
        NICHE_WORDS,
        COMMON_SENTENCES,
      ],
    );
    log(`  inserted ${count.toLocaleString('en-GB')} vendors in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const indexing = Date.now();
    for (const index of indexes) await client.query(index.definition);
    await client.query('COMMIT');
    log(`  rebuilt ${indexes.length} indexes in ${((Date.now() - indexing) / 1000).toFixed(1)} s`);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // The steady state: autovacuum would have set the visibility maps and statistics by now.
  const vacuuming = Date.now();
  await client.query('VACUUM ANALYZE vendors');
  await client.query('VACUUM ANALYZE vendor_match_areas');
  await client.query('VACUUM ANALYZE vendor_match_terms');
  await client.query('VACUUM ANALYZE vendor_words');
  await client.query('ANALYZE accounts');
  log(`  vacuumed and analysed in ${((Date.now() - vacuuming) / 1000).toFixed(1)} s`);
}

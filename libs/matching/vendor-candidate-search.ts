import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import { type MatchReasons } from './intent-match.entity';
import {
  type Frequencies,
  type MatchStatistics,
  NEUTRAL_PROXIMITY,
  NEUTRAL_RATING,
  NO_STATISTICS,
  SCORE_WEIGHTS,
  TEXT_FIT,
  chooseLexemes,
  fitTiers,
  frequencyOf,
  matchScore,
} from './match-scoring';

/**
 * The grid cells a vendor's service area reaches (see migration AddVendorMatchIndex). Written
 * exactly as in the index `vendors_match_idx`, or PostgreSQL cannot use it.
 */
const SERVICE_CELLS = 'vendor_service_cells(v.service_lat, v.service_lng, v.service_radius_km)';

/** Below this latitude (either way) match_probe_buckets always has buckets (it has none past ~76.4°). */
const PROBE_LATITUDE_LIMIT = 75;

/** Cell -1: vendors serving anywhere, or a very wide area; always candidates, checked exactly. */
const ANYWHERE_CELL = -1;

/** Great-circle km from a row's service centre (`t`: its alias) to the intent's coarse point ($1 lat, $2 lng); null when either is unknown. */
const distanceKm = (t: string) => `
  CASE WHEN $1::float8 IS NULL OR ${t}.service_lat IS NULL THEN NULL ELSE
    2 * 6371 * asin(sqrt(
      power(sin(radians(${t}.service_lat - $1::float8) / 2), 2) +
      cos(radians($1::float8)) * cos(radians(${t}.service_lat)) * power(sin(radians(${t}.service_lng - $2::float8) / 2), 2)
    )) END`;

/**
 * Vendors fitting `condition` whose service area reaches the point, with their distance. The
 * index narrows them to the vendors whose `cells` hold the point's grid cell (or -1); the exact
 * distance decides. Vendors without a service area serve anywhere; an intent without a point
 * (postcode only) is reachable by every vendor. The inner query is kept apart (OFFSET 0) so the
 * distance is computed once per row, not once per use.
 */
const reachingVendors = (condition: string, cells: string | null, extraColumns = '') => `
  SELECT v.* FROM (
    SELECT v.id, v.service_lat, v.service_radius_km, v.rating_average${extraColumns},
           ${distanceKm('v')} AS distance_km
      FROM vendors v
     WHERE ${condition}
       ${cells ? `AND ${cells} && ARRAY[geo_cell($1::float8, $2::float8), ${ANYWHERE_CELL}]` : ''}
    OFFSET 0) v
   WHERE ${cells ? '(v.service_lat IS NULL OR v.distance_km <= v.service_radius_km)' : 'TRUE'}`;

/**
 * matchScore() in SQL over a reachingVendors row and a fit expression, so the database keeps only
 * the top K. In float8 throughout (numeric constants would make every row pay for numeric arithmetic).
 */
const scoreSql = (fit: string) => `
  ${SCORE_WEIGHTS.fit}::float8 * (${fit})
  + ${SCORE_WEIGHTS.proximity}::float8 * (CASE WHEN v.distance_km IS NULL OR coalesce(v.service_radius_km, 0) = 0
                                          THEN ${NEUTRAL_PROXIMITY}::float8
                                          ELSE greatest(0::float8, 1 - v.distance_km / v.service_radius_km) END)
  + ${SCORE_WEIGHTS.rating}::float8 * coalesce(v.rating_average, ${NEUTRAL_RATING}::float8) / 5`;

/**
 * At most this many vendors holding one of the rarest words (and reaching the point) are ranked:
 * only reached when every word of the intent is common; the lexeme choice keeps ordinary
 * searches well below. The commoner words, searched when those find too few, add at most MORE_CAP.
 */
const TEXT_CANDIDATE_CAP = 2000;
const MORE_CAP = 250;

/** Distinct words of an intent taken into account. */
const MAX_WORDS = 200;

/** How long the statistics (lexeme and cell frequencies) are reused. */
const STATISTICS_TTL_MS = 10 * 60_000;

interface CandidateRow {
  id: string;
  service_radius_km: number | null;
  rating_average: number | null;
  distance_km: number | null;
  rank?: number;
  lexemes?: string[];
}

export interface MatchCandidate {
  vendorId: string;
  score: number;
  reasons: MatchReasons;
}

/** An intent's words and the lexemes PostgreSQL makes of them (`restoration` → `restor`). */
interface IntentWords {
  lexemes: string[];
  /** The first word of the intent behind each lexeme, for the match reasons. */
  wordOf: Map<string, string>;
}

/**
 * Finds the vendors that fit an intent: category and service area first; for long-tail intents
 * (no category, or fewer category matches than K) full-text similarity of the intent's words to
 * vendor names, descriptions and keywords, among the vendors that reach the intent. Returns at
 * most MATCH_TOP_K candidates, best score first. Read-only: storing them is MatchingService's job.
 *
 * Category matches come from vendor_match_areas (see migration AddVendorMatchIndex): one narrow
 * row per vendor and category, bucketed by the vendor's centre cell and radius; an index-only scan
 * over the buckets that can reach the intent, scored and cut to K in SQL, never touching the
 * vendors table.
 *
 * Long-tail matches go through a GIN index on vendors (vendors_match_idx) that intersects the
 * intent's grid cell with its words. They are searched by the intent's rarest words (chooseLexemes:
 * lexeme and cell frequencies from PostgreSQL's statistics, so the expected candidates near the
 * intent stay bounded), by its commoner informative words only when those find fewer than K, and
 * ranked (ts_rank) by all its informative words.
 */
@Injectable()
export class VendorCandidateSearch {
  private statistics: { loadedAt: number; value: Promise<MatchStatistics> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async findCandidates(intent: Intent, components: IntentComponent[]): Promise<MatchCandidate[]> {
    const topK = this.config.MATCH_TOP_K;
    const intentCodes = [
      ...new Set([intent.categoryCode, ...components.map((c) => c.categoryCode)].filter((c): c is string => !!c)),
    ];
    const byVendor = new Map<string, MatchCandidate>();
    if (intentCodes.length > 0) {
      for (const candidate of await this.categoryCandidates(intent, intentCodes, topK)) {
        byVendor.set(candidate.vendorId, candidate);
      }
    }
    if (byVendor.size < topK) {
      const text = [intent.title, intent.description, ...components.map((c) => `${c.title} ${c.description ?? ''}`)]
        .filter(Boolean)
        .join(' ');
      // Enough rows to fill the top K even if some are category matches already.
      for (const candidate of await this.textCandidates(intent, text, topK + byVendor.size)) {
        if (!byVendor.has(candidate.vendorId)) byVendor.set(candidate.vendorId, candidate);
      }
    }
    return [...byVendor.values()].sort((a, b) => b.score - a.score).slice(0, topK);
  }

  /**
   * The top K vendors in the intent's categories (or their ancestors) that reach it, from
   * vendor_match_areas alone (an index-only scan): one row per vendor and category, so a vendor
   * with several fitting categories comes once per category; the best row per vendor counts.
   */
  private async categoryCandidates(intent: Intent, intentCodes: string[], topK: number): Promise<MatchCandidate[]> {
    const tiers = fitTiers(intentCodes);
    const codes = tiers.flatMap((tier) => tier.codes);
    const params: unknown[] = [intent.coarseLat, intent.coarseLng, codes, topK * codes.length];
    const fit = `CASE ${tiers
      .map((tier) => {
        params.push(tier.codes);
        return `WHEN a.category_code = ANY($${params.length}::text[]) THEN ${tier.fit}::float8`;
      })
      .join(' ')} ELSE 0::float8 END`;
    // Near a pole (no probe buckets: match_probe_buckets is NULL past 76°) the whole category is read.
    const byBucket = hasPoint(intent) && Math.abs(intent.coarseLat!) <= PROBE_LATITUDE_LIMIT;
    const rows: Array<CandidateRow & { category_code: string; fit: number }> = await this.dataSource.query(
      `SELECT v.vendor_id AS id, v.category_code, v.fit, v.service_radius_km, v.rating_average, v.distance_km
         FROM (SELECT a.vendor_id, a.category_code, a.service_lat, a.service_radius_km, a.rating_average,
                      ${fit} AS fit, ${distanceKm('a')} AS distance_km
                 FROM vendor_match_areas a
                WHERE a.category_code = ANY($3::text[])
                  ${byBucket ? 'AND a.bucket = ANY(match_probe_buckets($1::float8, $2::float8))' : ''}
               OFFSET 0) v
        WHERE ${hasPoint(intent) ? 'v.service_lat IS NULL OR v.distance_km <= v.service_radius_km' : 'TRUE'}
        ORDER BY ${scoreSql('v.fit')} DESC, v.vendor_id
        LIMIT $4`,
      params,
    );
    const best = new Map<string, MatchCandidate>();
    for (const row of rows) {
      if (!best.has(row.id)) best.set(row.id, this.candidate(row, row.fit, { categoryCode: row.category_code }));
    }
    return [...best.values()].slice(0, topK);
  }

  private async textCandidates(intent: Intent, text: string, limit: number): Promise<MatchCandidate[]> {
    const words = await this.intentWords(text);
    if (words.lexemes.length === 0) return [];
    const statistics = await this.matchStatistics();
    const reach = hasPoint(intent) ? cellReach(statistics.cells, intent.coarseLat!, intent.coarseLng!) : 1;
    const { recall, more, rank } = chooseLexemes(words.lexemes, statistics, reach);
    const cells = hasPoint(intent) ? SERVICE_CELLS : null;
    const params: unknown[] = [
      intent.coarseLat,
      intent.coarseLng,
      toTsquery(recall),
      TEXT_CANDIDATE_CAP,
      toTsquery(rank),
      limit,
      rank,
    ];
    let moreCandidates = '';
    if (more.length > 0) {
      // Run (one-time filter) only when the rarest words found fewer than needed.
      params.push(toTsquery(more), MORE_CAP);
      moreCandidates = `
         UNION ALL
         (${reachingVendors(
           `v.search_document @@ $${params.length - 1}::tsquery AND NOT (v.search_document @@ $3::tsquery)
            AND (SELECT count(*) FROM candidates) < $6`,
           cells,
           ', v.search_document',
         )}
          LIMIT $${params.length}::int)`;
    }
    const rows: CandidateRow[] = await this.dataSource.query(
      `WITH candidates AS MATERIALIZED (
         ${reachingVendors('v.search_document @@ $3::tsquery', cells, ', v.search_document')}
          LIMIT $4
       ), ranked AS (
         SELECT c.*, ts_rank(c.search_document, $5::tsquery) AS rank
           FROM (SELECT * FROM candidates ${moreCandidates}) c
          ORDER BY rank DESC, c.id
          LIMIT $6
       )
       SELECT r.id, r.service_radius_km, r.rating_average, r.distance_km, r.rank,
              ARRAY(SELECT unnest(tsvector_to_array(r.search_document)) INTERSECT SELECT unnest($7::text[])) AS lexemes
         FROM ranked r
        ORDER BY r.rank DESC, r.id`,
      params,
    );
    const bestRank = Math.max(...rows.map((row) => row.rank ?? 0), Number.EPSILON);
    return rows.map((row) => {
      const matched = rank.filter((lexeme) => row.lexemes?.includes(lexeme));
      const wordsMatched = [...new Set(matched.map((lexeme) => words.wordOf.get(lexeme) ?? lexeme))];
      return this.candidate(row, TEXT_FIT * ((row.rank ?? 0) / bestRank), { words: wordsMatched });
    });
  }

  /** The intent's distinct words and their lexemes (stop words have none), in one round trip. */
  private async intentWords(text: string): Promise<IntentWords> {
    const words = [
      ...new Set(
        text
          .toLowerCase()
          .split(/\s+/)
          .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
          .filter(Boolean),
      ),
    ].slice(0, MAX_WORDS);
    if (words.length === 0) return { lexemes: [], wordOf: new Map() };
    const rows: Array<{ word: string; lexeme: string }> = await this.dataSource.query(
      `SELECT t.word, l.lexeme
         FROM unnest($1::text[]) WITH ORDINALITY AS t(word, n)
        CROSS JOIN LATERAL unnest(to_tsvector('english', t.word)) AS l
        ORDER BY t.n`,
      [words],
    );
    const wordOf = new Map<string, string>();
    for (const row of rows) if (!wordOf.has(row.lexeme)) wordOf.set(row.lexeme, row.word);
    return { lexemes: [...wordOf.keys()], wordOf };
  }

  /**
   * How common each lexeme is among vendors, and how many vendors reach each grid cell, from the
   * statistics ANALYZE (autovacuum) keeps on vendors.search_document and on the cells column of
   * vendors_match_idx: the ~1,000 commonest of each with their frequencies; anything else is rarer
   * than the least common of them. Cached for a while; nothing is known before the first ANALYZE.
   */
  private matchStatistics(): Promise<MatchStatistics> {
    if (!this.statistics || Date.now() - this.statistics.loadedAt > STATISTICS_TTL_MS) {
      const value = this.loadMatchStatistics().catch(() => NO_STATISTICS);
      this.statistics = { loadedAt: Date.now(), value };
    }
    return this.statistics.value;
  }

  private async loadMatchStatistics(): Promise<MatchStatistics> {
    const [row]: Array<{
      vendors: number;
      lexemes: string[] | null;
      lexeme_freqs: number[] | null;
      cells: string[] | null;
      cell_freqs: number[] | null;
    }> = await this.dataSource.query(
      `SELECT greatest(c.reltuples, 0)::float8 AS vendors,
              l.most_common_elems::text::text[] AS lexemes, l.most_common_elem_freqs AS lexeme_freqs,
              g.most_common_elems::text::text[] AS cells, g.most_common_elem_freqs AS cell_freqs
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_stats l ON l.schemaname = n.nspname AND l.tablename = 'vendors' AND l.attname = 'search_document'
         LEFT JOIN pg_stats g ON g.schemaname = n.nspname AND g.tablename = 'vendors_match_idx'
                             AND g.attname = 'vendor_service_cells'
        WHERE c.oid = 'vendors'::regclass`,
    );
    if (!row) return NO_STATISTICS;
    return {
      vendors: row.vendors,
      lexemes: frequencies(row.lexemes, row.lexeme_freqs),
      cells: frequencies(row.cells, row.cell_freqs),
    };
  }

  private candidate(row: CandidateRow, fit: number, reasons: MatchReasons): MatchCandidate {
    const distanceKm = row.distance_km === null ? null : Number(row.distance_km);
    return {
      vendorId: row.id,
      score: matchScore({ fit, distanceKm, radiusKm: row.service_radius_km, ratingAverage: row.rating_average }),
      reasons: { ...reasons, distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10 },
    };
  }
}

const hasPoint = (intent: Intent) => intent.coarseLat !== null && intent.coarseLng !== null;

/**
 * Element frequencies from pg_stats: one per element, then the minimum and the maximum (and, for
 * arrays, the frequency of null elements).
 */
function frequencies(elements: string[] | null, values: number[] | null): Frequencies {
  if (!elements || !values) return { listed: new Map(), unlisted: 0 };
  const listed = new Map<string, number>();
  elements.forEach((element, index) => listed.set(element, values[index]));
  return { listed, unlisted: (values[elements.length] ?? 0) / 2 };
}

/** The share of vendors that reach the point's grid cell (or serve anywhere): as geo_cell() numbers it. */
function cellReach(cells: Frequencies, lat: number, lng: number): number {
  const cell = Math.floor((lat + 90) / 0.25) * 1000 + (Math.floor((lng + 180) / 0.4) % 900);
  return frequencyOf(cells, String(cell)) + frequencyOf(cells, String(ANYWHERE_CELL));
}

/** `'a' | 'b'` from lexemes as they are (no second normalisation); quotes and backslashes doubled. */
function toTsquery(lexemes: string[]): string {
  return lexemes.map((lexeme) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

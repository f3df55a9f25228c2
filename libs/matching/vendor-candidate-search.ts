import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import { type MatchReasons } from './intent-match.entity';
import {
  type LexemeFrequencies,
  NEUTRAL_PROXIMITY,
  NEUTRAL_RATING,
  NO_LEXEME_FREQUENCIES,
  SCORE_WEIGHTS,
  TEXT_FIT,
  categoryFit,
  chooseLexemes,
  fitTiers,
  matchScore,
} from './match-scoring';

/**
 * The grid cells a vendor's service area reaches (see migration AddVendorMatchIndex). Written
 * exactly as in the index `vendors_match_idx`, or PostgreSQL cannot use it.
 */
const VENDOR_CELLS = 'vendor_service_cells(v.service_lat, v.service_lng, v.service_radius_km)';

/** Great-circle km from the vendor's centre to the intent's coarse point ($1 lat, $2 lng); null when either is unknown. */
const DISTANCE_KM = `
  CASE WHEN $1::float8 IS NULL OR v.service_lat IS NULL THEN NULL ELSE
    2 * 6371 * asin(sqrt(
      power(sin(radians(v.service_lat - $1::float8) / 2), 2) +
      cos(radians($1::float8)) * cos(radians(v.service_lat)) * power(sin(radians(v.service_lng - $2::float8) / 2), 2)
    )) END`;

/**
 * The vendors that may reach the point, for the inner query: the index narrows them to the
 * vendors reaching its grid cell, or serving anywhere or very widely (cell -1). An intent without
 * a point (postcode only) is reachable by every vendor.
 */
const inReachableCells = (hasPoint: boolean) =>
  hasPoint ? `${VENDOR_CELLS} && ARRAY[geo_cell($1::float8, $2::float8), -1]` : 'TRUE';

/**
 * The exact check, over the inner query's `distance_km` (computed once per row): the vendor's
 * radius reaches the point. Vendors without a service area serve anywhere.
 */
const withinRadius = (hasPoint: boolean) =>
  hasPoint ? '(v.service_lat IS NULL OR v.distance_km <= v.service_radius_km)' : 'TRUE';

/**
 * Vendors fitting `condition` that reach the point, with their distance: an inner query the
 * planner keeps apart (OFFSET 0), so the distance is computed once per row, not per use.
 */
const reachingVendors = (condition: string, hasPoint: boolean, extraColumns = '') => `
  SELECT v.* FROM (
    SELECT v.id, v.category_codes, v.service_lat, v.service_radius_km, v.rating_average${extraColumns},
           ${DISTANCE_KM} AS distance_km
      FROM vendors v
     WHERE ${condition} AND ${inReachableCells(hasPoint)}
    OFFSET 0) v
   WHERE ${withinRadius(hasPoint)}`;

/** matchScore() in SQL over a reachingVendors row and a fit expression, so the database keeps only the top K. */
const scoreSql = (fit: string) => `
  ${SCORE_WEIGHTS.fit} * (${fit})
  + ${SCORE_WEIGHTS.proximity} * (CASE WHEN v.distance_km IS NULL OR coalesce(v.service_radius_km, 0) = 0
                                  THEN ${NEUTRAL_PROXIMITY}
                                  ELSE greatest(0, 1 - v.distance_km / v.service_radius_km) END)
  + ${SCORE_WEIGHTS.rating} * coalesce(v.rating_average, ${NEUTRAL_RATING}) / 5`;

/**
 * At most this many vendors holding a recall word (and reaching the point) are ranked. Only hit
 * when every word of the intent is common; the lexeme choice keeps ordinary searches well below.
 */
const TEXT_CANDIDATE_CAP = 2000;

/** Distinct words of an intent taken into account. */
const MAX_WORDS = 200;

/** How long the lexeme frequencies (PostgreSQL column statistics) are reused. */
const FREQUENCIES_TTL_MS = 10 * 60_000;

interface CandidateRow {
  id: string;
  category_codes: string[];
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
 * Both queries go through one GIN index (vendors_match_idx) that intersects the intent's grid
 * cell with its categories or words, so neither scans every vendor in a category or every vendor
 * holding a word. Category matches are scored and cut to K in SQL. Long-tail matches are searched
 * by the intent's rarest words only (chooseLexemes, from PostgreSQL's statistics of the search
 * documents) and ranked (ts_rank) by all its informative words, on a bounded candidate set.
 */
@Injectable()
export class VendorCandidateSearch {
  private frequencies: { loadedAt: number; value: Promise<LexemeFrequencies> } | null = null;

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

  private async categoryCandidates(intent: Intent, intentCodes: string[], topK: number): Promise<MatchCandidate[]> {
    const tiers = fitTiers(intentCodes);
    const params: unknown[] = [intent.coarseLat, intent.coarseLng, tiers.flatMap((tier) => tier.codes), topK];
    const fit = `CASE ${tiers
      .map((tier) => {
        params.push(tier.codes);
        return `WHEN v.category_codes && $${params.length}::text[] THEN ${tier.fit}`;
      })
      .join(' ')} ELSE 0 END`;
    const hasPoint = intent.coarseLat !== null && intent.coarseLng !== null;
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT v.id, v.category_codes, v.service_radius_km, v.rating_average, v.distance_km
         FROM (${reachingVendors('v.category_codes && $3::text[]', hasPoint)}) v
        ORDER BY ${scoreSql(fit)} DESC, v.id
        LIMIT $4`,
      params,
    );
    return rows.map((row) => {
      let best = { fit: 0, code: null as string | null };
      for (const intentCode of intentCodes) {
        for (const vendorCode of row.category_codes) {
          const fitOfCode = categoryFit(intentCode, vendorCode);
          if (fitOfCode > best.fit) best = { fit: fitOfCode, code: vendorCode };
        }
      }
      return this.candidate(row, best.fit, { categoryCode: best.code });
    });
  }

  private async textCandidates(intent: Intent, text: string, limit: number): Promise<MatchCandidate[]> {
    const words = await this.intentWords(text);
    if (words.lexemes.length === 0) return [];
    const { recall, rank } = chooseLexemes(words.lexemes, await this.lexemeFrequencies());
    const rows: CandidateRow[] = await this.dataSource.query(
      `WITH candidates AS MATERIALIZED (
         ${reachingVendors(
           'v.search_document @@ $3::tsquery',
           intent.coarseLat !== null && intent.coarseLng !== null,
           ', v.search_document',
         )}
          LIMIT $4
       ), ranked AS (
         SELECT c.*, ts_rank(c.search_document, $5::tsquery) AS rank
           FROM candidates c
          ORDER BY rank DESC, c.id
          LIMIT $6
       )
       SELECT r.id, r.category_codes, r.service_radius_km, r.rating_average, r.distance_km, r.rank,
              ARRAY(SELECT unnest(tsvector_to_array(r.search_document)) INTERSECT SELECT unnest($7::text[])) AS lexemes
         FROM ranked r
        ORDER BY r.rank DESC, r.id`,
      [intent.coarseLat, intent.coarseLng, toTsquery(recall), TEXT_CANDIDATE_CAP, toTsquery(rank), limit, rank],
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
   * How common each lexeme is among vendors, from the statistics ANALYZE (autovacuum) keeps on
   * vendors.search_document: the ~1,000 commonest lexemes with their frequencies; anything else is
   * rarer than the least common of them. Cached for a while; none before the first ANALYZE.
   */
  private lexemeFrequencies(): Promise<LexemeFrequencies> {
    if (!this.frequencies || Date.now() - this.frequencies.loadedAt > FREQUENCIES_TTL_MS) {
      const value = this.loadLexemeFrequencies().catch(() => NO_LEXEME_FREQUENCIES);
      this.frequencies = { loadedAt: Date.now(), value };
    }
    return this.frequencies.value;
  }

  private async loadLexemeFrequencies(): Promise<LexemeFrequencies> {
    const [row]: Array<{ vendors: number; elems: string[] | null; freqs: number[] | null }> =
      await this.dataSource.query(
        `SELECT greatest(c.reltuples, 0)::float8 AS vendors,
                s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search_document'
          WHERE c.oid = 'vendors'::regclass`,
      );
    if (!row?.elems || !row.freqs) return { ...NO_LEXEME_FREQUENCIES, vendors: row?.vendors ?? 0 };
    const frequencies = new Map<string, number>();
    row.elems.forEach((lexeme, index) => frequencies.set(lexeme, row.freqs![index]));
    // The element frequencies are followed by their minimum and maximum.
    const minimum = row.freqs[row.elems.length] ?? 0;
    return { vendors: row.vendors, frequencies, unlisted: minimum / 2 };
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

/** `'a' | 'b'` from lexemes as they are (no second normalisation); quotes and backslashes doubled. */
function toTsquery(lexemes: string[]): string {
  return lexemes.map((lexeme) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

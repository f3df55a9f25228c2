/**
 * The candidate search as it was before the matching index (commit c369d6b), kept verbatim (bar
 * imports and the class name) so the query bench can measure it in the same run: category +
 * latitude band + haversine, and an OR-ranked full-text query over every vendor holding any word.
 */
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { IntentComponent } from '@app/intents/intent-component.entity';
import type { Intent } from '@app/intents/intent.entity';
import type { MatchCandidate } from '@app/matching/vendor-candidate-search';
import { type MatchReasons } from '@app/matching/intent-match.entity';
import { categoryFit, matchScore, withAncestors } from '@app/matching/match-scoring';

/** Upper bound of a vendor's radius (km) in degrees of latitude, for the coarse band filter. */
const MAX_RADIUS_DEGREES = 1000 / 111;

const DISTANCE_KM = `
  CASE WHEN $1::float8 IS NULL OR v.service_lat IS NULL THEN NULL ELSE
    2 * 6371 * asin(sqrt(
      power(sin(radians(v.service_lat - $1::float8) / 2), 2) +
      cos(radians($1::float8)) * cos(radians(v.service_lat)) * power(sin(radians(v.service_lng - $2::float8) / 2), 2)
    )) END`;

/** Vendors whose service area reaches the point ($1 lat, $2 lng); vendors without an area serve anywhere. */
const REACHES_POINT = `
  ($1::float8 IS NULL OR v.service_lat IS NULL OR (
    v.service_lat BETWEEN $1::float8 - ${MAX_RADIUS_DEGREES} AND $1::float8 + ${MAX_RADIUS_DEGREES}
    AND ${DISTANCE_KM} <= v.service_radius_km))`;

interface CandidateRow {
  id: string;
  category_codes: string[];
  service_radius_km: number | null;
  rating_average: number | null;
  distance_km: number | null;
  rank?: number;
  words?: string[];
}

/**
 * Finds the vendors that fit an intent: category and service area first; for
 * long-tail intents (no category, or too few category matches) full-text
 * similarity of the intent's words to vendor descriptions and keywords.
 * Read-only: storing the matches is MatchingService's job.
 */
export class LegacyVendorCandidateSearch {
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
      const text = [intent.title, intent.description, ...components.map((c) => `${c.title} ${c.description}`)].join(
        ' ',
      );
      for (const candidate of await this.textCandidates(intent, text, topK)) {
        if (!byVendor.has(candidate.vendorId)) byVendor.set(candidate.vendorId, candidate);
      }
    }
    return [...byVendor.values()].sort((a, b) => b.score - a.score).slice(0, topK);
  }

  private async categoryCandidates(intent: Intent, intentCodes: string[], topK: number): Promise<MatchCandidate[]> {
    const codes = [...new Set(intentCodes.flatMap(withAncestors))];
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT v.id, v.category_codes, v.service_radius_km, v.rating_average, ${DISTANCE_KM} AS distance_km
         FROM vendors v
        WHERE v.category_codes && $3::text[] AND ${REACHES_POINT}
        ORDER BY v.rating_average DESC NULLS LAST, v.id
        LIMIT $4`,
      [intent.coarseLat, intent.coarseLng, codes, topK * 4],
    );
    return rows.map((row) => {
      let best = { fit: 0, code: null as string | null };
      for (const intentCode of intentCodes) {
        for (const vendorCode of row.category_codes) {
          const fit = categoryFit(intentCode, vendorCode);
          if (fit > best.fit) best = { fit, code: vendorCode };
        }
      }
      return this.candidate(row, best.fit, { categoryCode: best.code });
    });
  }

  private async textCandidates(intent: Intent, text: string, topK: number): Promise<MatchCandidate[]> {
    const rows: CandidateRow[] = await this.dataSource.query(
      `WITH words AS (
         SELECT array_agg(lexeme) AS lexemes FROM unnest(to_tsvector('english', $3)) AS t(lexeme)
       ), query AS (
         SELECT to_tsquery('simple', array_to_string(
                  ARRAY(SELECT quote_literal(lexeme) FROM unnest(words.lexemes) AS lexeme), ' | ')) AS q,
                words.lexemes
           FROM words WHERE words.lexemes IS NOT NULL
       )
       SELECT v.id, v.category_codes, v.service_radius_km, v.rating_average, ${DISTANCE_KM} AS distance_km,
              ts_rank(v.search_document, query.q) AS rank,
              ARRAY(SELECT unnest(tsvector_to_array(v.search_document)) INTERSECT SELECT unnest(query.lexemes)) AS words
         FROM vendors v, query
        WHERE v.search_document @@ query.q AND ${REACHES_POINT}
        ORDER BY rank DESC, v.id
        LIMIT $4`,
      [intent.coarseLat, intent.coarseLng, text, topK * 2],
    );
    const bestRank = Math.max(...rows.map((row) => row.rank ?? 0), Number.EPSILON);
    // A text match is a weaker signal than a category: its fit tops out at 0.8.
    return rows.map((row) => this.candidate(row, 0.8 * ((row.rank ?? 0) / bestRank), { words: row.words ?? [] }));
  }

  private candidate(row: CandidateRow, fit: number, reasons: MatchReasons): MatchCandidate {
    const distanceKm = row.distance_km === null ? null : Math.round(Number(row.distance_km) * 10) / 10;
    return {
      vendorId: row.id,
      score: matchScore({ fit, distanceKm, radiusKm: row.service_radius_km, ratingAverage: row.rating_average }),
      reasons: { ...reasons, distanceKm },
    };
  }
}

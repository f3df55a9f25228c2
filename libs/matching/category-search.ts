import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FamilyMember } from './category-family';
import { weightedScoreSql } from './match-scoring';
import type { CategoryPhrase } from './match-taxonomy';
import { type MatchPoint, bucketsSql, distanceKmSql, pointParams, reachesSql } from './reach';

/** A need with a category: its family, and the phrases that say it. */
export interface CategoryNeed {
  /** Position of the need among the intent's needs. */
  need: number;
  family: FamilyMember[];
  phrases: CategoryPhrase[];
}

interface ReachedVendor {
  vendorId: string;
  distanceKm: number | null;
  radiusKm: number | null;
  ratingAverage: number | null;
}

export interface FamilyCandidate extends ReachedVendor {
  need: number;
  /** The vendor's category in the family. */
  categoryCode: string;
  fit: number;
}

export interface CategoryWordsCandidate extends ReachedVendor {
  need: number;
  /** The category phrase the vendor's name or keywords hold. */
  phrase: string;
}

interface Row {
  need: number;
  id: string;
  distance_km: number | null;
  service_radius_km: number | null;
  rating_average: number | null;
}

/**
 * Finds the vendors for needs with a category, among those whose area reaches the intent, in one
 * statement:
 * - by category: vendors of the needs' category families, from vendor_match_areas alone (one
 *   index-only scan over every family's codes and the buckets that may reach the point), ranked
 *   per need and cut to its top K;
 * - by the category's words: vendors that list no category at all but whose name or keywords hold
 *   a phrase that says the category and no other (from vendor_match_terms' partial index).
 */
@Injectable()
export class CategorySearch {
  constructor(private readonly dataSource: DataSource) {}

  async candidates(
    needs: CategoryNeed[],
    point: MatchPoint | null,
    topK: number,
  ): Promise<{ byFamily: FamilyCandidate[]; byWords: CategoryWordsCandidate[] }> {
    if (needs.length === 0) return { byFamily: [], byWords: [] };
    const families = needs.map((need) => ({
      need: need.need,
      codes: need.family.map((member) => member.code),
      fits: need.family.map((member) => member.fit),
    }));
    const phrases = needs.flatMap((need) =>
      need.phrases.map((phrase) => ({ need: need.need, phrase: phrase.phrase, lexemes: phrase.lexemes })),
    );
    const rows: Array<Row & { category_code: string | null; fit: number | null; phrase: string | null }> =
      await this.dataSource.query(
        `WITH reached AS MATERIALIZED (
           SELECT v.* FROM (
                  SELECT a.vendor_id, a.category_code, a.service_lat, a.service_radius_km, a.rating_average,
                         ${distanceKmSql('a')} AS distance_km
                    FROM vendor_match_areas a
                   WHERE a.category_code = ANY($5::text[]) AND ${bucketsSql('a', point)}
                  OFFSET 0) AS v
            WHERE ${reachesSql('v', point)}
         ), ranked AS (
           -- A vendor with several categories in a family counts once, with its best fit.
           SELECT DISTINCT ON (n.need, r.vendor_id)
                  n.need, r.*, n.fits[array_position(n.codes, r.category_code)] AS fit
             FROM jsonb_to_recordset($3::jsonb) AS n(need int, codes text[], fits float8[])
             JOIN reached r ON r.category_code = ANY(n.codes)
            ORDER BY n.need, r.vendor_id, n.fits[array_position(n.codes, r.category_code)] DESC
         )
         SELECT v.need, v.vendor_id AS id, v.category_code, v.fit, NULL AS phrase,
                v.distance_km, v.service_radius_km, v.rating_average
           FROM (SELECT r.*, row_number() OVER (PARTITION BY r.need ORDER BY ${weightedScoreSql('r')} DESC, r.vendor_id) AS place
                   FROM ranked r) AS v
          WHERE v.place <= $6
         UNION ALL
         SELECT p.need, m.id, NULL, NULL, p.phrase, m.distance_km, m.service_radius_km, m.rating_average
           FROM jsonb_to_recordset($4::jsonb) AS p(need int, phrase text, lexemes text[])
          CROSS JOIN LATERAL (
                SELECT v.vendor_id AS id, min(v.distance_km) AS distance_km,
                       min(v.service_radius_km) AS service_radius_km, min(v.rating_average) AS rating_average
                  FROM (SELECT t.vendor_id, t.service_lat, t.service_radius_km, t.rating_average,
                               ${distanceKmSql('t')} AS distance_km
                          FROM vendor_match_terms t
                         WHERE t.term = ANY(p.lexemes) AND t.named AND NOT t.categorised
                           AND ${bucketsSql('t', point, 'filter')}
                        OFFSET 0) AS v
                 WHERE ${reachesSql('v', point)}
                 GROUP BY v.vendor_id
                HAVING count(*) = cardinality(p.lexemes)) AS m`,
        [
          ...pointParams(point),
          JSON.stringify(families),
          JSON.stringify(phrases),
          [...new Set(families.flatMap((family) => family.codes))],
          topK,
        ],
      );
    const byFamily: FamilyCandidate[] = [];
    const byWords: CategoryWordsCandidate[] = [];
    for (const row of rows) {
      if (row.phrase !== null) byWords.push({ ...reached(row), need: row.need, phrase: row.phrase });
      else byFamily.push({ ...reached(row), need: row.need, categoryCode: row.category_code!, fit: row.fit! });
    }
    return { byFamily, byWords };
  }
}

function reached(row: Row): ReachedVendor {
  return {
    vendorId: row.id,
    distanceKm: row.distance_km === null ? null : Number(row.distance_km),
    radiusKm: row.service_radius_km,
    ratingAverage: row.rating_average,
  };
}

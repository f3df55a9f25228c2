/**
 * SQL for "the vendors whose service area reaches the intent's point", over rows of
 * vendor_match_areas or vendor_match_terms (both carry the vendor's bucket, centre and radius; see
 * migration AddVendorMatchIndex). The point is always parameters $1 (lat) and $2 (lng).
 */

/** A point to match around: the intent's coarse location. */
export interface MatchPoint {
  lat: number;
  lng: number;
}

/** Below this latitude (either way) match_probe_buckets always has buckets (it has none past ~76.4°). */
const PROBE_LATITUDE_LIMIT = 75;

/** Great-circle km from a row's service centre (`t`: its alias) to the point; null when either is unknown. */
export const distanceKmSql = (t: string) => `
  CASE WHEN $1::float8 IS NULL OR ${t}.service_lat IS NULL THEN NULL ELSE
    2 * 6371 * asin(sqrt(
      power(sin(radians(${t}.service_lat - $1::float8) / 2), 2) +
      cos(radians($1::float8)) * cos(radians(${t}.service_lat)) * power(sin(radians(${t}.service_lng - $2::float8) / 2), 2)
    )) END`;

/**
 * Narrows rows (alias `t`) to the buckets that may reach the point: every vendor whose area may
 * reach it is in one of them. Near a pole there are no buckets and nothing is narrowed; without a
 * point every vendor reaches the intent. As an index condition by default; as a filter where the
 * rows are few (a word's holders), since planning ~200 bucket keys costs more than reading them.
 */
export function bucketsSql(t: string, point: MatchPoint | null, use: 'index' | 'filter' = 'index'): string {
  if (!point || Math.abs(point.lat) > PROBE_LATITUDE_LIMIT) return 'TRUE';
  const bucket = use === 'index' ? `${t}.bucket` : `(${t}.bucket + 0)`;
  return `${bucket} = ANY(match_probe_buckets($1::float8, $2::float8))`;
}

/** The exact test on a row (alias `t`) with a `distance_km` column: vendors serving anywhere reach everywhere. */
export function reachesSql(t: string, point: MatchPoint | null): string {
  return point ? `(${t}.service_lat IS NULL OR ${t}.distance_km <= ${t}.service_radius_km)` : 'TRUE';
}

/** $1 and $2 for a point (nulls without one). */
export const pointParams = (point: MatchPoint | null): unknown[] => [point?.lat ?? null, point?.lng ?? null];

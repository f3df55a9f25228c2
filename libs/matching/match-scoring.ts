/** Weights of the match score (0-1). Fit dominates; distance and reputation break ties. */
export const SCORE_WEIGHTS = { fit: 0.6, proximity: 0.25, rating: 0.15 } as const;

/** Rating used for vendors without reviews: neither rewarded nor punished. */
export const NEUTRAL_RATING = 3;

/** A category code and its ancestors: `moving.removals.piano` → itself, `moving.removals`, `moving`. */
export function withAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
}

export interface ScoreInput {
  /** 1 for an exact category, less for an ancestor category or a text match. */
  fit: number;
  distanceKm: number | null;
  radiusKm: number | null;
  ratingAverage: number | null;
}

export function matchScore(input: ScoreInput): number {
  const proximity =
    input.distanceKm === null || !input.radiusKm ? 0.5 : Math.max(0, 1 - input.distanceKm / input.radiusKm);
  const rating = (input.ratingAverage ?? NEUTRAL_RATING) / 5;
  const score =
    SCORE_WEIGHTS.fit * Math.min(1, Math.max(0, input.fit)) +
    SCORE_WEIGHTS.proximity * proximity +
    SCORE_WEIGHTS.rating * rating;
  return Math.round(score * 10_000) / 10_000;
}

/** How well a category match fits: exact 1, parent 0.8, grandparent 0.6. */
export function categoryFit(intentCode: string, vendorCode: string): number {
  if (intentCode === vendorCode) return 1;
  const depth = intentCode.split('.').length - vendorCode.split('.').length;
  return intentCode.startsWith(`${vendorCode}.`) ? Math.max(0.4, 1 - 0.2 * depth) : 0;
}

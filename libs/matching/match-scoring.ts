/** Weights of the match score (0-1). Fit weighs most; distance and reputation break near-ties. */
export const SCORE_WEIGHTS = { fit: 0.6, proximity: 0.25, rating: 0.15 } as const;

/** Rating used for vendors without reviews: neither rewarded nor punished. */
export const NEUTRAL_RATING = 3;

/** Proximity of a vendor serving anywhere (or of an intent without a point): neither near nor far. */
export const NEUTRAL_PROXIMITY = 0.5;

/** A text match is a weaker signal than a category: its fit tops out here (the best text match of an intent). */
export const TEXT_FIT = 0.8;

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

/** 1 at the vendor's centre, 0 at the edge of its service area. */
export function proximity(distanceKm: number | null, radiusKm: number | null): number {
  return distanceKm === null || !radiusKm ? NEUTRAL_PROXIMITY : Math.max(0, 1 - distanceKm / radiusKm);
}

export function matchScore(input: ScoreInput): number {
  const rating = (input.ratingAverage ?? NEUTRAL_RATING) / 5;
  const score =
    SCORE_WEIGHTS.fit * Math.min(1, Math.max(0, input.fit)) +
    SCORE_WEIGHTS.proximity * proximity(input.distanceKm, input.radiusKm) +
    SCORE_WEIGHTS.rating * rating;
  return Math.round(score * 10_000) / 10_000;
}

/** How well a category match fits: exact 1, parent 0.8, grandparent 0.6. */
export function categoryFit(intentCode: string, vendorCode: string): number {
  if (intentCode === vendorCode) return 1;
  const depth = intentCode.split('.').length - vendorCode.split('.').length;
  return intentCode.startsWith(`${vendorCode}.`) ? Math.max(0.4, 1 - 0.2 * depth) : 0;
}

/**
 * The vendor codes that fit any of the intent's codes, grouped by fit, best first: the intent's
 * codes themselves (1), their parents (0.8), and so on. A vendor's fit is its best tier.
 */
export function fitTiers(intentCodes: readonly string[]): Array<{ fit: number; codes: string[] }> {
  const best = new Map<string, number>();
  for (const intentCode of intentCodes) {
    for (const code of withAncestors(intentCode)) {
      best.set(code, Math.max(best.get(code) ?? 0, categoryFit(intentCode, code)));
    }
  }
  const tiers = new Map<number, string[]>();
  for (const [code, fit] of best) tiers.set(fit, [...(tiers.get(fit) ?? []), code]);
  return [...tiers.entries()].sort(([a], [b]) => b - a).map(([fit, codes]) => ({ fit, codes: codes.sort() }));
}

/** How common the lexemes of vendor search documents are (from PostgreSQL's column statistics). */
export interface LexemeFrequencies {
  /** Estimated number of vendors; 0 when not known yet (never analysed). */
  vendors: number;
  /** Fraction of vendors whose document holds the lexeme, for the commonest lexemes. */
  frequencies: ReadonlyMap<string, number>;
  /** Fraction assumed for a lexeme not listed: it is rarer than every listed one. */
  unlisted: number;
}

export const NO_LEXEME_FREQUENCIES: LexemeFrequencies = { vendors: 0, frequencies: new Map(), unlisted: 0 };

export interface LexemeChoiceOptions {
  /** Lexemes in more than this fraction of vendors say nothing about the need ("service", "local"). */
  commonFraction: number;
  /** Search by the rarest lexemes while the vendors expected to hold one of them stay under this. */
  recallBudget: number;
}

export const LEXEME_CHOICE: LexemeChoiceOptions = { commonFraction: 0.2, recallBudget: 5000 };

export interface LexemeChoice {
  /** Lexemes a vendor must hold one of to be a candidate: the intent's rarest, most informative ones. */
  recall: string[];
  /** Lexemes the candidates are ranked by (and reported as matched words): all informative ones. */
  rank: string[];
}

/**
 * Picks which of an intent's lexemes to search by and which to rank by. A vendor holding only
 * "need" or "local" is no match; one holding "harpsichord" is. Ranking uses every lexeme that is
 * not near-universal; the search itself uses the rarest ones, adding commoner ones only while the
 * expected number of candidates stays within the budget (always at least the rarest one), so the
 * cost of a long-tail search does not grow with the number of vendors.
 */
export function chooseLexemes(
  lexemes: readonly string[],
  stats: LexemeFrequencies,
  options: LexemeChoiceOptions = LEXEME_CHOICE,
): LexemeChoice {
  const unique = [...new Set(lexemes)];
  if (unique.length === 0) return { recall: [], rank: [] };
  const fraction = (lexeme: string) => stats.frequencies.get(lexeme) ?? stats.unlisted;
  const byRarity = unique.sort((a, b) => fraction(a) - fraction(b) || (a < b ? -1 : a > b ? 1 : 0));
  const informative = byRarity.filter((lexeme) => fraction(lexeme) <= options.commonFraction);
  const rank = informative.length > 0 ? informative : byRarity.slice(0, 1);
  const recall: string[] = [];
  let expected = 0;
  for (const lexeme of rank) {
    const vendors = fraction(lexeme) * stats.vendors;
    if (recall.length > 0 && expected + vendors > options.recallBudget) break;
    recall.push(lexeme);
    expected += vendors;
  }
  return { recall, rank };
}

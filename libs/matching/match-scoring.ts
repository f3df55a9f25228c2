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

/** How common things are among vendors (from PostgreSQL's statistics): lexemes, or grid cells reached. */
export interface Frequencies {
  /** Fraction of vendors that have it, for the commonest ones. */
  listed: ReadonlyMap<string, number>;
  /** Fraction assumed for one not listed: it is rarer than every listed one. */
  unlisted: number;
}

export interface MatchStatistics {
  /** Estimated number of vendors; 0 when not known yet (never analysed). */
  vendors: number;
  /** Lexemes of the vendors' search documents. */
  lexemes: Frequencies;
  /** Grid cells the vendors' service areas reach (keys are cell numbers; "-1" is anywhere). */
  cells: Frequencies;
}

export const NO_STATISTICS: MatchStatistics = {
  vendors: 0,
  lexemes: { listed: new Map(), unlisted: 0 },
  cells: { listed: new Map(), unlisted: 0 },
};

export const frequencyOf = (frequencies: Frequencies, key: string) =>
  frequencies.listed.get(key) ?? frequencies.unlisted;

export interface LexemeChoiceOptions {
  /** Lexemes in more than this fraction of vendors say nothing about the need ("service", "local"). */
  commonFraction: number;
  /** Search by the rarest lexemes while the candidates expected (near the intent) stay under this. */
  recallBudget: number;
}

export const LEXEME_CHOICE: LexemeChoiceOptions = { commonFraction: 0.2, recallBudget: 600 };

export interface LexemeChoice {
  /** Lexemes a vendor must hold one of to be a candidate: the intent's rarest, most informative ones. */
  recall: string[];
  /**
   * The next rarest informative lexemes (within a budget twice as large): searched too, for a
   * bounded number of candidates, only if `recall` finds fewer than needed.
   */
  more: string[];
  /** Lexemes the candidates are ranked by (and reported as matched words): all informative ones. */
  rank: string[];
}

/**
 * Picks which of an intent's lexemes to search by and which to rank by. A vendor holding only
 * "need" or "local" is no match; one holding "harpsichord" is. Ranking uses every lexeme that is
 * not near-universal; the search uses the rarest ones first, adding commoner ones only while the
 * candidates expected near the intent (vendors x the share reaching it, `reach`, x the lexemes'
 * frequencies) stay within the budget, always at least the rarest one. So the cost of a long-tail
 * search does not grow with the number of vendors, while a sparse area still searches by more words.
 */
export function chooseLexemes(
  lexemes: readonly string[],
  stats: MatchStatistics,
  reach = 1,
  options: LexemeChoiceOptions = LEXEME_CHOICE,
): LexemeChoice {
  const unique = [...new Set(lexemes)];
  if (unique.length === 0) return { recall: [], more: [], rank: [] };
  const fraction = (lexeme: string) => frequencyOf(stats.lexemes, lexeme);
  const byRarity = unique.sort((a, b) => fraction(a) - fraction(b) || (a < b ? -1 : a > b ? 1 : 0));
  const informative = byRarity.filter((lexeme) => fraction(lexeme) <= options.commonFraction);
  const rank = informative.length > 0 ? informative : byRarity.slice(0, 1);
  const near = (lexeme: string) => fraction(lexeme) * stats.vendors * Math.min(1, Math.max(0, reach));
  /** The rarest of `lexemes` whose expected candidates fit in `budget`; at least one. */
  const within = (lexemes: string[], budget: number) => {
    const chosen: string[] = [];
    let expected = 0;
    for (const lexeme of lexemes) {
      if (chosen.length > 0 && expected + near(lexeme) > budget) break;
      chosen.push(lexeme);
      expected += near(lexeme);
    }
    return chosen;
  };
  const recall = within(rank, options.recallBudget);
  const more = within(rank.slice(recall.length), 2 * options.recallBudget);
  return { recall, more, rank };
}

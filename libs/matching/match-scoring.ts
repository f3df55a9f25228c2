/** Weights of the match score (0-1). Fit weighs most; distance and reputation break near-ties. */
export const SCORE_WEIGHTS = { fit: 0.6, proximity: 0.25, rating: 0.15 } as const;

/** Rating used for vendors without reviews: neither rewarded nor punished. */
export const NEUTRAL_RATING = 3;

/** Proximity of a vendor serving anywhere (or of an intent without a point): neither near nor far. */
export const NEUTRAL_PROXIMITY = 0.5;

/**
 * Why a vendor was matched to a need:
 * - CATEGORY: one of its categories is in the need's category family;
 * - CATEGORY_WORDS: it lists no category, but its name or keywords say the need's category;
 * - NEED_WORDS: the need has no category, and the vendor's words share the need's words.
 */
export enum MatchBasis {
  CATEGORY = 'CATEGORY',
  CATEGORY_WORDS = 'CATEGORY_WORDS',
  NEED_WORDS = 'NEED_WORDS',
}

/**
 * A match by words scores at most this (its score is this share of the weighted sum); a category
 * match never scores below it (its lowest fit, 0.8, with no proximity and a one-star rating is
 * 0.51). So a word match never outranks a category match.
 */
export const WORD_MATCH_SHARE = 0.5;

export interface ScoreInput {
  basis: MatchBasis;
  /** 0-1: the category fit (FAMILY_FIT), or how much of the need's words the vendor holds. */
  fit: number;
  distanceKm: number | null;
  radiusKm: number | null;
  ratingAverage: number | null;
}

/** 1 at the vendor's centre, 0 at the edge of its service area. */
export function proximity(distanceKm: number | null, radiusKm: number | null): number {
  return distanceKm === null || !radiusKm ? NEUTRAL_PROXIMITY : Math.max(0, 1 - distanceKm / radiusKm);
}

/** The weighted sum of fit, proximity and rating (0-1), unrounded: what both the SQL ranking and matchScore rank by. */
export function weightedScore(input: Omit<ScoreInput, 'basis'>): number {
  const rating = (input.ratingAverage ?? NEUTRAL_RATING) / 5;
  return (
    SCORE_WEIGHTS.fit * Math.min(1, Math.max(0, input.fit)) +
    SCORE_WEIGHTS.proximity * proximity(input.distanceKm, input.radiusKm) +
    SCORE_WEIGHTS.rating * Math.min(1, Math.max(0, rating))
  );
}

/**
 * weightedScore in SQL over a row `v` with `fit`, `distance_km`, `service_radius_km` and
 * `rating_average`, so the database can keep only each need's top K by the same order. In float8
 * throughout (numeric constants would make every row pay for numeric arithmetic); a property test
 * against PostgreSQL (test/medium/match-score-sql.spec.ts) holds the two equal.
 */
export const weightedScoreSql = (v: string) => `
  ${SCORE_WEIGHTS.fit}::float8 * least(1::float8, greatest(0::float8, ${v}.fit))
  + ${SCORE_WEIGHTS.proximity}::float8 * (CASE WHEN ${v}.distance_km IS NULL OR coalesce(${v}.service_radius_km, 0) = 0
                                          THEN ${NEUTRAL_PROXIMITY}::float8
                                          ELSE greatest(0::float8, 1 - ${v}.distance_km / ${v}.service_radius_km) END)
  + ${SCORE_WEIGHTS.rating}::float8 * least(1::float8, greatest(0::float8, coalesce(${v}.rating_average, ${NEUTRAL_RATING}::float8) / 5))`;

/** The match score (0-1, four decimals): the weighted sum, scaled down for a match by words. */
export function matchScore(input: ScoreInput): number {
  const weighted = weightedScore(input);
  const score = input.basis === MatchBasis.CATEGORY ? weighted : WORD_MATCH_SHARE * weighted;
  return Math.round(score * 10_000) / 10_000;
}

/** Rules of word matching; see needWordWeight and acceptWordMatches. */
export const WORD_MATCHING = {
  /**
   * A word held by more than this share of the vendors in reach (and by more than
   * `minCommonVendors` of them) is common there and says nothing about the need.
   */
  commonShare: 0.2,
  minCommonVendors: 3,
  /**
   * Vendors in reach are counted up to this many: beyond it a word held by more than commonShare
   * of it (200 vendors) is common, and weights are measured as if this many reached the intent.
   */
  reachCountCap: 1000,
  /** A need is defined by its few most specific words: coverage is measured against this many. */
  definingWords: 3,
  /**
   * A vendor must hold a key word of the need: one weighing at least this share of its heaviest
   * word. A cake shop holding "birthday party" is no fit for "magician for a birthday party", nor
   * a roofer for "thatched roof repair" where no thatcher works.
   */
  keyWordShare: 0.5,
  /** A vendor must hold at least this much of the need's defining words… */
  minCoverage: 0.4,
  /** …and at least this share of what the best vendor holds. */
  relativeToBest: 0.5,
  /** A word only in a vendor's description counts this much of one in its name or keywords. */
  describedOnly: 0.7,
  /** A word only in an intent's description counts this much of one in its title, which states the need. */
  descriptionWeight: 0.5,
} as const;

/** How a need word reached a vendor's word. */
export enum WordMatchKind {
  /** The same word, or another form of it ("organs" → "organ"): the same lexeme. */
  SAME = 'SAME',
  /** A misspelling of it ("orgen" → "organ"), by spelling similarity and edit distance. */
  SPELLING = 'SPELLING',
  /** Part of a run-together word ("rockinghorse" → "rocking", "horse"), or two words run together ("book binding" → "bookbinding"). */
  COMPOUND = 'COMPOUND',
}

/** How much a reading of a need word counts, by how sure it is (edit distance for misspellings). */
export function readingFactor(kind: WordMatchKind, edits = 0): number {
  switch (kind) {
    case WordMatchKind.SAME:
      return 1;
    case WordMatchKind.COMPOUND:
      return 0.9;
    case WordMatchKind.SPELLING:
      return Math.max(0.4, 1 - 0.15 * edits);
  }
}

/** Most edits a misspelling of a word of this length may be away from the word meant. */
export function maxSpellingEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/** Whether `vendors` of `reach` vendors holding a word make it common among them. */
export function isCommonWord(vendors: number, reach: number): boolean {
  return vendors > Math.max(WORD_MATCHING.minCommonVendors, WORD_MATCHING.commonShare * reach);
}

/**
 * How specific a word is among the vendors in reach of an intent (BM25's inverse document
 * frequency): rare words weigh most, a word no one in reach holds or a common one weighs nothing.
 */
export function needWordWeight(vendors: number, reach: number): number {
  if (vendors <= 0 || isCommonWord(vendors, reach)) return 0;
  const total = Math.max(reach, vendors);
  return Math.log(1 + (total - vendors + 0.5) / (vendors + 0.5));
}

/** One reading of a need word: a lexeme vendors may hold, and how much holding it counts. */
export interface WordReading {
  lexeme: string;
  kind: WordMatchKind;
  /** The vendor word a misspelt or run-together word was read as ("organ" for "orgen"). */
  readAs?: string;
  /** needWordWeight × readingFactor: what a vendor holding it in its name or keywords earns. */
  credit: number;
}

/** A need word and its readings (itself, or what a misspelling or a run-together word stands for). */
export interface WeighedNeedWord {
  typed: string;
  /**
   * How much the word says about the need: its best reading's credit; for a word vendors use but
   * none in reach ("thatch" where no thatcher works), a rare word's, so vendors holding only the
   * lesser words of the need ("roof", "repair") do not pass for a fit.
   */
  weight: number;
  /** The sentences of the text it is in. */
  sentences: number[];
  readings: WordReading[];
}

/** What a candidate vendor holds of the need's lexemes. */
export interface VendorTerms {
  vendorId: string;
  /** Lexeme → whether the vendor has it in its name or keywords (true) or only its description. */
  terms: ReadonlyMap<string, boolean>;
}

export interface WordMatch {
  typed: string;
  lexeme: string;
  kind: WordMatchKind;
  readAs?: string;
  named: boolean;
}

export interface AcceptedWordMatch {
  vendorId: string;
  /** 0-1: how much of the need's defining words the vendor holds. */
  coverage: number;
  matches: WordMatch[];
}

/**
 * The vendors whose words fit the need strongly: each word earns its best reading's credit (less
 * when only in the description); the sum is measured against the need's few most specific words
 * (so a long text does not dilute it), of the whole text or of one of its sentences, whichever the
 * vendor fits best; a vendor is kept only if it holds a key word of the need, enough of its
 * defining words, and enough of what the best vendor holds. Best first.
 */
export function acceptWordMatches(words: readonly WeighedNeedWord[], vendors: readonly VendorTerms[]) {
  const heaviest = Math.max(0, ...words.map((word) => word.weight));
  if (heaviest <= 0) return [];
  const keyWeight = WORD_MATCHING.keyWordShare * heaviest;
  // The whole text, and each sentence on its own: a text may ask for two things ("…a longcase
  // clock. Could also use a harpsichord tuning.") and a vendor fitting either fits.
  const sentences = [...new Set(words.flatMap((word) => word.sentences))];
  const definingOf = (selected: readonly WeighedNeedWord[]) =>
    selected
      .map((word) => word.weight)
      .filter((weight) => weight > 0)
      .sort((a, b) => b - a)
      .slice(0, WORD_MATCHING.definingWords)
      .reduce((sum, weight) => sum + weight, 0);
  const scopes = [
    words,
    ...(sentences.length > 1 ? sentences.map((n) => words.filter((w) => w.sentences.includes(n))) : []),
  ]
    .map((scope) => ({ words: new Set(scope), defining: definingOf(scope) }))
    .filter((scope) => scope.defining > 0);
  const scored = vendors.map((vendor) => {
    const earned = new Map<WeighedNeedWord, number>();
    const matches: WordMatch[] = [];
    let holdsKeyWord = false;
    for (const word of words) {
      let best: { credit: number; match: WordMatch } | null = null;
      for (const reading of word.readings) {
        const named = vendor.terms.get(reading.lexeme);
        if (named === undefined || reading.credit <= 0) continue;
        const credit = reading.credit * (named ? 1 : WORD_MATCHING.describedOnly);
        if (!best || credit > best.credit) {
          const match: WordMatch = { typed: word.typed, lexeme: reading.lexeme, kind: reading.kind, named };
          if (reading.readAs) match.readAs = reading.readAs;
          best = { credit, match };
        }
      }
      if (best) {
        earned.set(word, best.credit);
        matches.push(best.match);
        if (word.weight >= keyWeight) holdsKeyWord = true;
      }
    }
    const coverage = Math.max(
      0,
      ...scopes.map((scope) => {
        let credit = 0;
        for (const [word, amount] of earned) if (scope.words.has(word)) credit += amount;
        return Math.min(1, credit / scope.defining);
      }),
    );
    return { vendorId: vendor.vendorId, coverage, matches, holdsKeyWord };
  });
  const eligible = scored.filter((vendor) => vendor.holdsKeyWord);
  const best = Math.max(0, ...eligible.map((vendor) => vendor.coverage));
  const floor = Math.max(WORD_MATCHING.minCoverage, WORD_MATCHING.relativeToBest * best);
  return eligible
    .filter((vendor) => vendor.coverage >= floor)
    .sort((a, b) => b.coverage - a.coverage || (a.vendorId < b.vendorId ? -1 : 1))
    .map(({ vendorId, coverage, matches }): AcceptedWordMatch => ({ vendorId, coverage, matches }));
}

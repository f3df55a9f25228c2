import {
  type VendorTerms,
  type WeighedNeedWord,
  MatchBasis,
  WORD_MATCHING,
  WordMatchKind,
  acceptWordMatches,
  isCommonWord,
  matchScore,
  maxSpellingEdits,
  needWordWeight,
  proximity,
  readingFactor,
} from './match-scoring';

const at = (basis: MatchBasis, fit: number, distanceKm: number | null, ratingAverage: number | null = null) =>
  matchScore({ basis, fit, distanceKm, radiusKm: 50, ratingAverage });

describe('match scoring', () => {
  it('ranks fit first, then proximity and rating', () => {
    const near = at(MatchBasis.CATEGORY, 1, 2);
    const far = at(MatchBasis.CATEGORY, 1, 45);
    const rated = at(MatchBasis.CATEGORY, 1, 45, 5);
    expect(near).toBeGreaterThan(far);
    expect(rated).toBeGreaterThan(far);
    expect(near).toBeLessThanOrEqual(1);
  });

  it('never lets a word match outscore a category match', () => {
    const bestWordMatch = at(MatchBasis.NEED_WORDS, 1, 0, 5);
    const bestCategoryWords = at(MatchBasis.CATEGORY_WORDS, 1, 0, 5);
    const worstCategoryMatch = at(MatchBasis.CATEGORY, 0.8, 60, 1);
    expect(bestWordMatch).toBeLessThanOrEqual(WORD_MATCH_CEILING);
    expect(bestCategoryWords).toBeLessThanOrEqual(WORD_MATCH_CEILING);
    expect(worstCategoryMatch).toBeGreaterThan(WORD_MATCH_CEILING);
  });

  it('gives a neutral proximity without a distance or a radius, and none beyond the radius', () => {
    expect(proximity(null, 50)).toBe(0.5);
    expect(proximity(10, null)).toBe(0.5);
    expect(proximity(10, 50)).toBeCloseTo(0.8);
    expect(proximity(60, 50)).toBe(0);
  });
});

const WORD_MATCH_CEILING = 0.5;

describe('word weights among the vendors in reach', () => {
  it('weighs rare words most, and common ones (or ones no one in reach holds) not at all', () => {
    expect(needWordWeight(1, 40)).toBeGreaterThan(needWordWeight(3, 40));
    expect(needWordWeight(3, 40)).toBeGreaterThan(needWordWeight(8, 40));
    expect(needWordWeight(0, 40)).toBe(0);
    // More than a fifth of the vendors in reach (and more than three of them): common there.
    expect(isCommonWord(9, 40)).toBe(true);
    expect(needWordWeight(9, 40)).toBe(0);
    expect(isCommonWord(3, 5)).toBe(false);
  });

  it('measures a word against the vendors in reach, not the whole market', () => {
    // "leeds" held by 30 of the 40 vendors around Leeds weighs nothing there, whatever the national count.
    expect(needWordWeight(30, 40)).toBe(0);
    expect(needWordWeight(30, 1000)).toBeGreaterThan(0);
  });

  it('trusts a misspelling less the further it is from the word meant', () => {
    expect(readingFactor(WordMatchKind.SAME)).toBe(1);
    expect(readingFactor(WordMatchKind.SPELLING, 1)).toBeGreaterThan(readingFactor(WordMatchKind.SPELLING, 2));
    expect(maxSpellingEdits(4)).toBe(1);
    expect(maxSpellingEdits(6)).toBe(2);
    expect(maxSpellingEdits(11)).toBe(3);
  });
});

describe('accepting word matches', () => {
  const word = (typed: string, weight: number, lexemes = [typed], sentences = [0]): WeighedNeedWord => ({
    typed,
    weight,
    sentences,
    readings: lexemes.map((lexeme) => ({ lexeme, kind: WordMatchKind.SAME, credit: weight })),
  });
  const vendor = (vendorId: string, named: string[], described: string[] = []): VendorTerms => ({
    vendorId,
    terms: new Map([...named.map((term) => [term, true] as const), ...described.map((term) => [term, false] as const)]),
  });

  it('keeps the vendors that hold the need, not those that share a word of its context', () => {
    const need = [word('rocking', 3.3), word('horse', 2.5), word('restor', 2)];
    const accepted = acceptWordMatches(need, [
      vendor('specialist', ['rocking', 'horse', 'restor']),
      vendor('furniture restorer', ['restor']),
      vendor('riding school', ['horse']),
    ]);
    expect(accepted.map((match) => match.vendorId)).toEqual(['specialist']);
    expect(accepted[0].coverage).toBe(1);
    expect(accepted[0].matches.map((match) => match.typed)).toEqual(['rocking', 'horse', 'restor']);
  });

  it('does not let a sentence of context stand for the need', () => {
    // "Ceilidh band for a wedding." then "House and garden, reliable people." in the description.
    const need = [
      word('ceilidh', 4),
      word('band', 2),
      word('house', 0.6, ['house'], [1]),
      word('garden', 0.7, ['garden'], [1]),
    ];
    const accepted = acceptWordMatches(need, [
      vendor('ceilidh band', ['ceilidh', 'band']),
      vendor('gardener', ['house', 'garden']),
    ]);
    expect(accepted.map((match) => match.vendorId)).toEqual(['ceilidh band']);
  });

  it('requires a key word of the need: "birthday party" is no magician', () => {
    const need = [word('magician', 6.2), word('birthday', 2.8), word('party', 2.5)];
    const accepted = acceptWordMatches(need, [
      vendor('magician', ['magician'], ['party']),
      vendor('cake shop', ['birthday', 'party']),
    ]);
    expect(accepted.map((match) => match.vendorId)).toEqual(['magician']);
  });

  it('matches nobody on lesser words when no vendor in reach holds the need itself', () => {
    // "thatch": vendors elsewhere use it, none in reach; it weighs as a rare word all the same.
    const need = [word('thatch', 3.3, []), word('roof', 1.4), word('repair', 0.9)];
    expect(acceptWordMatches(need, [vendor('roofer', ['roof', 'repair'])])).toEqual([]);
  });

  it('keeps every vendor that holds enough of a need written about two things', () => {
    // "Restore a longcase clock." then, in the description, "Could also use a harpsichord tuning."
    const need = [
      word('longcase', 3),
      word('clock', 3),
      word('harpsichord', 1.5, ['harpsichord'], [1]),
      word('tuning', 1.5, ['tuning'], [1]),
    ];
    const accepted = acceptWordMatches(need, [
      vendor('clocks', ['longcase', 'clock']),
      vendor('harpsichords', ['harpsichord', 'tuning']),
    ]);
    expect(accepted.map((match) => match.vendorId)).toEqual(['clocks', 'harpsichords']);
  });

  it('counts a word in the description for less than one in the name or keywords', () => {
    const need = [word('harpsichord', 3)];
    const [named, described] = acceptWordMatches(need, [
      vendor('named', ['harpsichord']),
      vendor('described', [], ['harpsichord']),
    ]);
    expect(named.coverage).toBe(1);
    expect(described.coverage).toBeCloseTo(WORD_MATCHING.describedOnly);
  });

  it('measures coverage against the few words that define the need, so a long text does not dilute it', () => {
    const need = [
      word('sideboard', 3),
      word('teak', 3),
      word('restor', 2.5),
      word('drawer', 1),
      word('runner', 1),
      word('water', 0.8),
    ];
    const [restorer] = acceptWordMatches(need, [vendor('restorer', ['restor', 'teak', 'sideboard'])]);
    expect(restorer.coverage).toBe(1);
  });

  it('takes the best reading of a word once, however many readings the vendor holds', () => {
    const need: WeighedNeedWord[] = [
      {
        typed: 'repare',
        weight: 2,
        sentences: [0],
        readings: [
          { lexeme: 'prepar', kind: WordMatchKind.SPELLING, credit: 1.7 },
          { lexeme: 'repair', kind: WordMatchKind.SPELLING, credit: 1.4 },
        ],
      },
    ];
    const [both] = acceptWordMatches(need, [vendor('both', ['prepar', 'repair'])]);
    expect(both.matches).toEqual([{ typed: 'repare', lexeme: 'prepar', kind: WordMatchKind.SPELLING, named: true }]);
    expect(both.coverage).toBeCloseTo(1.7 / 2);
  });
});

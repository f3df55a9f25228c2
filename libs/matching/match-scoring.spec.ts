import {
  type LexemeFrequencies,
  NO_LEXEME_FREQUENCIES,
  categoryFit,
  chooseLexemes,
  fitTiers,
  matchScore,
  proximity,
  withAncestors,
} from './match-scoring';

describe('match scoring', () => {
  it('expands a code with its ancestors', () => {
    expect(withAncestors('moving.removals.piano')).toEqual(['moving.removals.piano', 'moving.removals', 'moving']);
  });

  it('fits exact categories best and ancestors less; unrelated not at all', () => {
    expect(categoryFit('moving.removals', 'moving.removals')).toBe(1);
    expect(categoryFit('moving.removals', 'moving')).toBeCloseTo(0.8);
    expect(categoryFit('moving.removals', 'moving.cleaning')).toBe(0);
    expect(categoryFit('moving', 'moving.removals')).toBe(0);
  });

  it('ranks fit first, then proximity and rating', () => {
    const near = matchScore({ fit: 1, distanceKm: 2, radiusKm: 50, ratingAverage: null });
    const far = matchScore({ fit: 1, distanceKm: 45, radiusKm: 50, ratingAverage: null });
    const rated = matchScore({ fit: 1, distanceKm: 45, radiusKm: 50, ratingAverage: 5 });
    const weakFit = matchScore({ fit: 0.4, distanceKm: 0, radiusKm: 50, ratingAverage: 5 });
    expect(near).toBeGreaterThan(far);
    expect(rated).toBeGreaterThan(far);
    expect(near).toBeGreaterThan(weakFit);
    expect(near).toBeLessThanOrEqual(1);
  });

  it('gives a neutral proximity without a distance or a radius, and none beyond the radius', () => {
    expect(proximity(null, 50)).toBe(0.5);
    expect(proximity(10, null)).toBe(0.5);
    expect(proximity(10, 50)).toBeCloseTo(0.8);
    expect(proximity(60, 50)).toBe(0);
  });

  it('groups the vendor codes that fit an intent by fit, best first', () => {
    expect(fitTiers(['moving.removals.piano'])).toEqual([
      { fit: 1, codes: ['moving.removals.piano'] },
      { fit: 0.8, codes: ['moving.removals'] },
      { fit: 0.6, codes: ['moving'] },
    ]);
    // A code that is one component's exact category and another's parent fits exactly.
    expect(fitTiers(['moving.removals', 'moving.removals.piano', 'moving.cleaning'])).toEqual([
      { fit: 1, codes: ['moving.cleaning', 'moving.removals', 'moving.removals.piano'] },
      { fit: 0.8, codes: ['moving'] },
    ]);
  });

  describe('choosing the words of a long-tail intent', () => {
    const stats: LexemeFrequencies = {
      vendors: 1_000_000,
      frequencies: new Map([
        ['servic', 0.4],
        ['need', 0.05],
        ['restor', 0.03],
        ['clock', 0.004],
      ]),
      unlisted: 0.0005,
    };

    it('searches by the rarest words within the budget and ranks by every informative one', () => {
      expect(chooseLexemes(['need', 'servic', 'restor', 'clock', 'harpsichord'], stats)).toEqual({
        // harpsichord ~500 vendors, clock ~4,000: within 5,000; restor would add 30,000.
        recall: ['harpsichord', 'clock'],
        rank: ['harpsichord', 'clock', 'restor', 'need'],
      });
    });

    it('always searches by at least the rarest word, even a common one', () => {
      expect(chooseLexemes(['need', 'servic'], stats)).toEqual({ recall: ['need'], rank: ['need'] });
      expect(chooseLexemes(['servic'], stats)).toEqual({ recall: ['servic'], rank: ['servic'] });
      expect(chooseLexemes([], stats)).toEqual({ recall: [], rank: [] });
    });

    it('uses every word while nothing is known about their frequencies', () => {
      expect(chooseLexemes(['need', 'clock', 'clock'], NO_LEXEME_FREQUENCIES)).toEqual({
        recall: ['clock', 'need'],
        rank: ['clock', 'need'],
      });
    });

    it('spends the budget on absolute vendor counts: more vendors, fewer recall words', () => {
      const small = chooseLexemes(['restor', 'clock'], { ...stats, vendors: 100_000 });
      expect(small.recall).toEqual(['clock', 'restor']);
      expect(chooseLexemes(['restor', 'clock'], stats).recall).toEqual(['clock']);
    });
  });
});

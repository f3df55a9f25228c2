import {
  type MatchStatistics,
  NO_STATISTICS,
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
    const stats: MatchStatistics = {
      vendors: 1_000_000,
      lexemes: {
        listed: new Map([
          ['servic', 0.4],
          ['need', 0.05],
          ['restor', 0.03],
          ['clock', 0.004],
        ]),
        unlisted: 0.0005,
      },
      cells: { listed: new Map(), unlisted: 0 },
    };

    it('searches by the rarest words within the budget near the intent and ranks by every informative one', () => {
      // 10% of vendors reach the intent: harpsichord ~50 candidates, clock ~400; restor would add 3,000
      // (the next tier, alone: need would add 5,000 more); servic is near-universal.
      expect(chooseLexemes(['need', 'servic', 'restor', 'clock', 'harpsichord'], stats, 0.1)).toEqual({
        recall: ['harpsichord', 'clock'],
        more: ['restor'],
        rank: ['harpsichord', 'clock', 'restor', 'need'],
      });
    });

    it('always searches by at least the rarest word, even a common one', () => {
      expect(chooseLexemes(['need', 'servic'], stats, 0.5)).toEqual({ recall: ['need'], more: [], rank: ['need'] });
      expect(chooseLexemes(['servic'], stats)).toEqual({ recall: ['servic'], more: [], rank: ['servic'] });
      expect(chooseLexemes([], stats)).toEqual({ recall: [], more: [], rank: [] });
    });

    it('uses every word while nothing is known about their frequencies', () => {
      expect(chooseLexemes(['need', 'clock', 'clock'], NO_STATISTICS)).toEqual({
        recall: ['clock', 'need'],
        more: [],
        rank: ['clock', 'need'],
      });
    });

    it('spends the budget on candidates near the intent: more vendors or a busier area, fewer words', () => {
      expect(chooseLexemes(['restor', 'clock'], { ...stats, vendors: 100_000 }, 0.01).recall).toEqual([
        'clock',
        'restor',
      ]);
      expect(chooseLexemes(['restor', 'clock'], stats, 0.05).recall).toEqual(['clock']);
      expect(chooseLexemes(['restor', 'clock'], { ...stats, vendors: 100_000 }, 0.5).recall).toEqual(['clock']);
    });
  });
});

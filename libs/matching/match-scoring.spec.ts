import { categoryFit, matchScore, withAncestors } from './match-scoring';

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
});

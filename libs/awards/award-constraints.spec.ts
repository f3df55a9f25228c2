import { type AwardedOffer, constraintConflict } from './award-constraints';

const offer = (vendorId: string, total: bigint, rating: number | null = 4.5, currency = 'GBP'): AwardedOffer => ({
  vendorId,
  vendorName: `Vendor ${vendorId}`,
  vendorRating: rating,
  totalMinor: total,
  currency,
});

const intent = (budget: string | null, constraints = {}) => ({
  budgetMinor: budget,
  budgetCurrency: budget === null ? null : 'GBP',
  solutionConstraints: constraints,
});

describe('constraintConflict', () => {
  it('passes an award within every constraint, and one with no budget or constraints', () => {
    const awarded = [offer('a', 60_000n), offer('b', 30_000n)];
    expect(
      constraintConflict(
        intent('90000', { maxVendors: 2, minVendorRating: 4, excludedVendorIds: ['c'] }),
        awarded,
        'offers',
      ),
    ).toBeNull();
    expect(constraintConflict(intent(null), [offer('a', 10n ** 12n, null)], 'solution')).toBeNull();
  });

  it('names the budget against the total, worded for a solution or for chosen offers', () => {
    const awarded = [offer('a', 90_000n)];
    expect(constraintConflict(intent('50000'), awarded, 'solution')).toBe(
      'The budget changed to 500.00 GBP; the solution totals 900.00 GBP',
    );
    expect(constraintConflict(intent('50000'), awarded, 'offers')).toBe(
      'The chosen offers total 900.00 GBP, over the budget of 500.00 GBP',
    );
    expect(constraintConflict(intent('50000'), [offer('a', 100n, 5, 'EUR')], 'offers')).toBe(
      'The chosen offers are in EUR; the budget is 500.00 GBP',
    );
  });

  it('names an excluded vendor, a vendor under the minimum rating (or unrated), and too many vendors', () => {
    const two = [offer('a', 100n, 4.25), offer('b', 100n, null)];
    expect(constraintConflict(intent(null, { excludedVendorIds: ['b'] }), two, 'offers')).toBe(
      'Vendor b is excluded by your solution constraints',
    );
    expect(constraintConflict(intent(null, { minVendorRating: 4.5 }), two, 'solution')).toBe(
      'Vendor a is rated 4.25; your solution constraints ask for at least 4.5',
    );
    expect(constraintConflict(intent(null, { minVendorRating: 4 }), two, 'solution')).toBe(
      'Vendor b is not rated yet; your solution constraints ask for at least 4',
    );
    expect(constraintConflict(intent(null, { maxVendors: 1 }), two, 'solution')).toBe(
      'The solution uses 2 vendors; your solution constraints allow at most 1',
    );
  });
});

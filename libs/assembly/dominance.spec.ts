import fc from 'fast-check';
import { cheapestSums, removeDominatedOffers } from './dominance';
import { eligibleOffers, prepareProblem } from './problem';
import { components, offer } from './testing/builders';
import { enumerateFeasibleSelections } from './testing/brute-force';
import { smallInstance } from './testing/arbitraries';
import type { AssemblyInput, AssemblyOffer } from './types';

function dominate(input: AssemblyInput, keep: number, vendorAware: boolean) {
  const problem = prepareProblem(input);
  const result = removeDominatedOffers(eligibleOffers(problem), { keep, vendorAware, required: problem.required });
  return {
    kept: result.kept.map((kept) => kept.id),
    dominated: Object.fromEntries(result.dominated.map(({ offer: dominated, rule }) => [dominated.id, rule])),
  };
}

describe('removeDominatedOffers', () => {
  it('keeps the k cheapest offers of one vendor for the same component set, ties by id', () => {
    const input = {
      components: components('a'),
      offers: [
        offer('o3', 'v1', 'a', 30),
        offer('o1', 'v1', 'a', 10),
        offer('o2b', 'v1', 'a', 20),
        offer('o2a', 'v1', 'a', 20),
      ],
    };
    expect(dominate(input, 2, true)).toEqual({
      kept: ['o1', 'o2a'],
      dominated: { o2b: 'SAME_VENDOR_SAME_SET', o3: 'SAME_VENDOR_SAME_SET' },
    });
  });

  it('drops dearer offers of other vendors only when no vendor limit binds', () => {
    const input = {
      components: components('a'),
      offers: [offer('v1a', 'v1', 'a', 10), offer('v2a', 'v2', 'a', 20), offer('v3a', 'v3', 'a', 30)],
    };
    expect(dominate(input, 2, false)).toEqual({ kept: ['v1a', 'v2a'], dominated: { v3a: 'SAME_SET' } });
    // With a vendor limit, v3's offer may be what keeps the vendor count down.
    expect(dominate(input, 2, true).kept).toEqual(['v1a', 'v2a', 'v3a']);
  });

  it('drops a bundle when at least k combinations of singles cost no more', () => {
    const singles = [
      offer('a10', 'v1', 'a', 10),
      offer('a11', 'v1', 'a', 11),
      offer('b10', 'v1', 'b', 10),
      offer('b12', 'v1', 'b', 12),
    ];
    const withBundle = (price: number) => ({
      components: components('a', 'b'),
      offers: [...singles, offer('ab', 'v1', 'a+b', price)],
    });
    // Combinations of singles cost 20, 21, 22 and 23.
    expect(dominate(withBundle(20), 1, false).dominated.ab).toBe('BUNDLE_BEATEN_BY_SINGLES');
    expect(dominate(withBundle(22), 3, false).dominated.ab).toBe('BUNDLE_BEATEN_BY_SINGLES');
    expect(dominate(withBundle(22), 4, false).kept).toContain('ab');
    expect(dominate(withBundle(19), 1, false).kept).toContain('ab');
  });

  it('compares a bundle only with its own vendor singles under a vendor limit', () => {
    const input = {
      components: components('a', 'b'),
      offers: [offer('a', 'v2', 'a', 1), offer('b', 'v2', 'b', 1), offer('ab', 'v1', 'a+b', 100)],
    };
    expect(dominate(input, 1, false).dominated.ab).toBe('BUNDLE_BEATEN_BY_SINGLES');
    expect(dominate(input, 1, true).kept).toContain('ab');
  });

  it('lets a bundle leave its optional components uncovered when comparing', () => {
    const input = {
      components: components('a', 'storage?'),
      offers: [offer('a', 'v1', 'a', 10), offer('a-storage', 'v1', 'a+storage', 12)],
      includeOptional: true,
    };
    expect(dominate(input, 1, false).dominated['a-storage']).toBe('BUNDLE_BEATEN_BY_SINGLES');
    expect(dominate(input, 2, false).kept).toContain('a-storage');
  });

  it('computes the k smallest sums of one choice per list', () => {
    expect(cheapestSums(cheapestSums([0], [10, 11], 3), [10, 12], 3)).toEqual([20, 21, 22]);
    expect(cheapestSums([0], [], 3)).toEqual([]);
  });

  it('never changes the k lowest totals (brute force on random instances)', () => {
    fc.assert(
      fc.property(smallInstance(), fc.integer({ min: 1, max: 4 }), (input, keep) => {
        const vendorAware = input.constraints?.maxVendors !== undefined;
        const { kept } = dominate(input, keep, vendorAware);
        const keptOffers = new Set(kept);
        const totals = (offers: AssemblyOffer[]) =>
          enumerateFeasibleSelections({ ...input, offers })
            .slice(0, keep)
            .map((selection) => selection.total);
        expect(totals(input.offers.filter((candidate) => keptOffers.has(candidate.id)))).toEqual(totals(input.offers));
      }),
      { numRuns: 150 },
    );
  });
});

import fc from 'fast-check';
import { smallInstance } from './arbitraries';
import { enumerateFeasibleSelections } from './brute-force';
import { enumerateExactCovers } from './exact-cover';
import { generateBundleHeavyInstance } from './generate-instance';

const canonical = (selections: { offerIds: string[]; total: number }[]) =>
  selections.map((selection) => `${selection.total}:${[...selection.offerIds].sort().join('+')}`).sort();

describe('enumerateExactCovers', () => {
  it('lists exactly the selections brute force finds, optional components and constraints included', () => {
    fc.assert(
      fc.property(smallInstance(), (input) => {
        const covers = enumerateExactCovers(input);
        expect(canonical(covers)).toEqual(canonical(enumerateFeasibleSelections(input)));
        expect(covers.map((selection) => selection.total)).toEqual(
          [...covers.map((selection) => selection.total)].sort((a, b) => a - b),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('generateBundleHeavyInstance', () => {
  it('is deterministic, mostly bundles, and always has an exact cover when nothing is constrained', () => {
    const spec = { seed: 7, components: 22, offers: 30 };
    expect(generateBundleHeavyInstance(spec)).toEqual(generateBundleHeavyInstance(spec));
    for (let seed = 1; seed <= 40; seed += 1) {
      const input = generateBundleHeavyInstance({ ...spec, seed });
      expect(input.components).toHaveLength(22);
      expect(input.offers).toHaveLength(30);
      expect(new Set(input.offers.map((offer) => offer.id)).size).toBe(30);
      const bundles = input.offers.filter((offer) => offer.componentIds.length > 1);
      expect(bundles.length).toBeGreaterThan(15);
      for (const offer of input.offers) {
        expect(offer.componentIds.length).toBeLessThanOrEqual(4);
        expect(new Set(offer.componentIds).size).toBe(offer.componentIds.length);
        expect(Number.isSafeInteger(offer.price) && offer.price > 0).toBe(true);
      }
      expect(enumerateExactCovers(input).length).toBeGreaterThan(0);
    }
  });
});

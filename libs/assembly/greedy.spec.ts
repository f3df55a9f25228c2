import { greedyAssemble } from './greedy';
import { findViolations } from './solution';
import { components, offer } from './testing/builders';
import type { AssemblyInput } from './types';

describe('greedyAssemble', () => {
  it('buys the cheapest single for each component', () => {
    const input: AssemblyInput = {
      components: components('a', 'b'),
      offers: [offer('a1', 'v1', 'a', 10), offer('a2', 'v2', 'a', 8), offer('b1', 'v1', 'b', 5)],
    };
    expect(greedyAssemble(input)).toMatchObject({ offerIds: ['a2', 'b1'], total: 13, saving: 0, provenOptimal: false });
  });

  it('takes a bundle only when it undercuts the singles it replaces', () => {
    const input = (bundlePrice: number): AssemblyInput => ({
      components: components('a', 'b'),
      offers: [offer('a', 'v1', 'a', 10), offer('b', 'v1', 'b', 10), offer('ab', 'v2', 'a+b', bundlePrice)],
    });
    expect(greedyAssemble(input(19))?.offerIds).toEqual(['ab']);
    expect(greedyAssemble(input(20))?.offerIds).toEqual(['a', 'b']);
  });

  it('can miss the optimum: the biggest saving first blocks a better pair of bundles', () => {
    const input: AssemblyInput = {
      components: components('a', 'b', 'c', 'd'),
      offers: [
        ...['a', 'b', 'c', 'd'].map((id) => offer(id, 'v1', id, 10)),
        offer('bc', 'v2', 'b+c', 11),
        offer('ab', 'v3', 'a+b', 12),
        offer('cd', 'v4', 'c+d', 12),
      ],
    };
    // Optimum: ab + cd = 24.
    expect(greedyAssemble(input)).toMatchObject({ offerIds: ['a', 'd', 'bc'], total: 31 });
  });

  it('stays within the vendor limit when it can, and gives up when it cannot', () => {
    const input: AssemblyInput = {
      components: components('a', 'b', 'c'),
      offers: [
        offer('a1', 'v1', 'a', 10),
        offer('b2', 'v2', 'b', 10),
        offer('b1', 'v1', 'b', 15),
        offer('c3', 'v3', 'c', 10),
        offer('c1', 'v1', 'c', 20),
      ],
      constraints: { maxVendors: 2 },
    };
    const pick = greedyAssemble(input);
    expect(pick).toMatchObject({ offerIds: ['a1', 'b2', 'c1'], total: 40 });
    expect(findViolations(input, pick!.offerIds)).toEqual([]);
    expect(greedyAssemble({ ...input, constraints: { maxVendors: 1, excludedVendorIds: ['v1'] } })).toBeNull();
  });

  it('returns null over budget or when a component cannot be covered', () => {
    const input: AssemblyInput = {
      components: components('a', 'b'),
      offers: [offer('a', 'v1', 'a', 10), offer('b', 'v1', 'b', 10)],
    };
    expect(greedyAssemble({ ...input, constraints: { maxTotal: 19 } })).toBeNull();
    expect(greedyAssemble({ ...input, constraints: { minVendorRating: 5 } })).toBeNull();
  });
});

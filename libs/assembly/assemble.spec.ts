import { assemble } from './assemble';
import { AssemblyInputError } from './problem';
import { findViolations } from './solution';
import { components, offer } from './testing/builders';
import { generateInstance } from './testing/generate-instance';
import type { AssemblyInput } from './types';

const engines = ['auto', 'milp'] as const;

/** a: 90 (v2) or 100 (v1); b: 50 (v1) or 60 (v3); c: 25 (v3) or 30 (v2). */
const threeSingles: AssemblyInput = {
  components: components('a', 'b', 'c'),
  offers: [
    offer('a1', 'v1', 'a', 100),
    offer('a2', 'v2', 'a', 90),
    offer('b1', 'v1', 'b', 50),
    offer('b2', 'v3', 'b', 60),
    offer('c1', 'v2', 'c', 30),
    offer('c2', 'v3', 'c', 25),
  ],
};

/** Unconstrained best uses three vendors (30); two vendors: v2+v3 (32); one vendor: 37. */
const vendorSensitive: AssemblyInput = {
  components: components('a', 'b', 'c'),
  offers: [
    offer('a-v1', 'v1', 'a', 10),
    offer('a-v2', 'v2', 'a', 12),
    offer('b-v2', 'v2', 'b', 10),
    offer('b-v1', 'v1', 'b', 13),
    offer('c-v3', 'v3', 'c', 10),
    offer('c-v1', 'v1', 'c', 14),
    offer('c-v2', 'v2', 'c', 15),
  ],
};

describe.each(engines)('assemble (engine %s)', (engine) => {
  const run = (input: AssemblyInput) => assemble({ ...input, engine });

  it('picks the cheapest single per component and ranks distinct alternatives', async () => {
    const result = await run(threeSingles);
    expect(result.status).toBe('optimal');
    expect(result.solutions.map((solution) => solution.total)).toEqual([165, 170, 175, 175]);
    const [best, second] = result.solutions;
    expect(best.offerIds).toEqual(['a2', 'b1', 'c2']);
    expect(best.vendors).toEqual([
      { vendorId: 'v2', offerIds: ['a2'], subtotal: 90 },
      { vendorId: 'v1', offerIds: ['b1'], subtotal: 50 },
      { vendorId: 'v3', offerIds: ['c2'], subtotal: 25 },
    ]);
    expect(best.saving).toBe(0);
    expect(best.provenOptimal).toBe(true);
    expect(second.offerIds).toEqual(['a2', 'b1', 'c1']);
    expect(second.saving).toBe(-5);
    const keys = result.solutions.map((solution) => solution.offerIds.join());
    expect(new Set(keys).size).toBe(keys.length);
    for (const solution of result.solutions) expect(findViolations(threeSingles, solution.offerIds)).toEqual([]);
  });

  it('takes a bundle when it beats the singles it replaces', async () => {
    const input: AssemblyInput = {
      components: components('removals', 'cleaning'),
      offers: [
        offer('removals', 'v1', 'removals', 100),
        offer('cleaning', 'v2', 'cleaning', 100),
        offer('both', 'v3', 'removals+cleaning', 150),
      ],
    };
    const result = await run(input);
    expect(result.solutions.map((solution) => [solution.offerIds, solution.total, solution.saving])).toEqual([
      [['both'], 150, 50],
      [['removals', 'cleaning'], 200, 0],
    ]);
  });

  it('lets the max-vendors limit change the answer', async () => {
    const totals = async (maxVendors?: number) =>
      (await run({ ...vendorSensitive, constraints: { maxVendors } })).solutions.map((solution) => solution.total);
    expect((await totals())[0]).toBe(30);
    const twoVendors = await run({ ...vendorSensitive, constraints: { maxVendors: 2 } });
    expect(twoVendors.solutions[0].offerIds).toEqual(['a-v2', 'b-v2', 'c-v3']);
    expect(twoVendors.solutions.map((solution) => solution.total)).toEqual([32, 33, 34, 35]);
    expect(await totals(1)).toEqual([37, 37]);
  });

  it('applies the budget, exclusions and minimum rating', async () => {
    const withinBudget = await run({ ...threeSingles, constraints: { maxTotal: 170 } });
    expect(withinBudget.solutions.map((solution) => solution.total)).toEqual([165, 170]);

    const withoutV3 = await run({ ...threeSingles, constraints: { excludedVendorIds: ['v3'] } });
    expect(withoutV3.solutions[0].offerIds).toEqual(['a2', 'b1', 'c1']);
    // The reference only counts offers the individual can buy.
    expect(withoutV3.solutions[0].saving).toBe(0);

    const rated = (rating: number | null) => ({
      components: components('a'),
      offers: [offer('cheap', 'new-vendor', 'a', 10, rating), offer('dear', 'known', 'a', 20, 4.9)],
    });
    expect((await run(rated(null))).solutions[0].offerIds).toEqual(['cheap']);
    expect((await run({ ...rated(null), constraints: { minVendorRating: 4 } })).solutions[0].offerIds).toEqual([
      'dear',
    ]);
    expect((await run({ ...rated(4), constraints: { minVendorRating: 4 } })).solutions[0].offerIds).toEqual(['cheap']);
  });

  it('covers optional components only when asked, and only when it pays', async () => {
    const input: AssemblyInput = {
      components: components('removals', 'storage?'),
      offers: [
        offer('removals', 'v1', 'removals', 100),
        offer('storage', 'v1', 'storage', 40),
        offer('both', 'v2', 'removals+storage', 90),
      ],
    };
    const leftOut = await run(input);
    expect(leftOut.solutions.map((solution) => solution.offerIds)).toEqual([['removals']]);
    const included = await run({ ...input, includeOptional: true });
    expect(included.solutions.map((solution) => [solution.offerIds, solution.total])).toEqual([
      [['both'], 90],
      [['removals'], 100],
      [['removals', 'storage'], 140],
    ]);
  });

  it('reports a null saving when a component has no single-component offer', async () => {
    const result = await run({ components: components('a', 'b'), offers: [offer('ab', 'v1', 'a+b', 10)] });
    expect(result.solutions[0].saving).toBeNull();
  });

  it('orders equal totals by offer positions compared as numbers (88 before 113)', async () => {
    // Offers on the left-out optional component only take up input positions.
    const filler = (position: number) => offer(`z${position}`, 'v9', 'z', 1);
    const offers = Array.from({ length: 120 }, (_, position) => filler(position));
    offers[0] = offer('a', 'v1', 'a', 10);
    offers[88] = offer('b-88', 'v2', 'b', 20);
    offers[113] = offer('b-113', 'v3', 'b', 20);
    const result = await run({ components: components('a', 'b', 'z?'), offers, alternatives: 1 });
    expect(result.solutions.map((solution) => solution.offerIds)).toEqual([
      ['a', 'b-88'],
      ['a', 'b-113'],
    ]);
  });

  it('returns only the best when no alternatives are wanted', async () => {
    const result = await run({ ...threeSingles, alternatives: 0 });
    expect(result.solutions.map((solution) => solution.total)).toEqual([165]);
  });

  describe('infeasibility', () => {
    const reasonOf = async (input: AssemblyInput) => {
      const result = await run(input);
      expect(result.status).toBe('infeasible');
      expect(result.solutions).toEqual([]);
      return result.infeasibility;
    };

    it('names components nobody offers', async () => {
      const reason = await reasonOf({ components: components('a', 'b'), offers: [offer('a', 'v1', 'a', 10)] });
      expect(reason).toMatchObject({ constraint: 'NO_OFFER_FOR_COMPONENT', componentIds: ['b'] });
    });

    it('detects offers that cannot be combined into an exact cover', async () => {
      const reason = await reasonOf({
        components: components('a', 'b', 'c'),
        offers: [offer('ab', 'v1', 'a+b', 10), offer('bc', 'v2', 'b+c', 10)],
      });
      expect(reason?.constraint).toBe('NO_EXACT_COVER');
    });

    it('blames the excluded vendors', async () => {
      const reason = await reasonOf({ ...threeSingles, constraints: { excludedVendorIds: ['v1', 'v2'] } });
      expect(reason).toMatchObject({ constraint: 'EXCLUDED_VENDORS', componentIds: ['a'] });
    });

    it('blames the minimum rating, counting unrated vendors as failing it', async () => {
      const reason = await reasonOf({
        components: components('a', 'b'),
        offers: [offer('a', 'v1', 'a', 10, 4.8), offer('b-new', 'v2', 'b', 10, null), offer('b-low', 'v3', 'b', 9, 3)],
        constraints: { minVendorRating: 4 },
      });
      expect(reason).toMatchObject({ constraint: 'MIN_RATING', componentIds: ['b'] });
    });

    it('blames the vendor limit and says how many vendors are needed', async () => {
      const reason = await reasonOf({
        components: components('a', 'b', 'c'),
        offers: [offer('a', 'v1', 'a', 1), offer('b', 'v2', 'b', 1), offer('c', 'v3', 'c', 1)],
        constraints: { maxVendors: 2 },
      });
      expect(reason).toMatchObject({ constraint: 'MAX_VENDORS', minimumVendors: 3 });
    });

    it('blames the budget and gives the cheapest total under the other constraints', async () => {
      expect(await reasonOf({ ...threeSingles, constraints: { maxTotal: 164 } })).toMatchObject({
        constraint: 'BUDGET',
        cheapestTotal: 165,
      });
      // 30 would fit the budget, but not with at most two vendors.
      expect(await reasonOf({ ...vendorSensitive, constraints: { maxVendors: 2, maxTotal: 31 } })).toMatchObject({
        constraint: 'BUDGET',
        cheapestTotal: 32,
      });
    });
  });
});

describe('assemble input and limits', () => {
  it('rejects malformed input', async () => {
    const base = threeSingles;
    await expect(assemble({ ...base, offers: [...base.offers, offer('a1', 'v9', 'a', 1)] })).rejects.toThrow(
      AssemblyInputError,
    );
    await expect(assemble({ ...base, offers: [offer('x', 'v1', 'unknown', 1)] })).rejects.toThrow(/unknown component/);
    await expect(assemble({ ...base, offers: [offer('x', 'v1', 'a', -1)] })).rejects.toThrow(/price/);
    await expect(assemble({ ...base, offers: [offer('x', 'v1', 'a', 1.5)] })).rejects.toThrow(/price/);
    await expect(assemble({ ...base, constraints: { maxVendors: 0 } })).rejects.toThrow(/maxVendors/);
    await expect(assemble({ ...base, alternatives: -1 })).rejects.toThrow(/alternatives/);
  });

  it('returns an empty selection when nothing is required', async () => {
    const result = await assemble({ components: components('storage?'), offers: [offer('s', 'v1', 'storage', 5)] });
    expect(result.status).toBe('optimal');
    expect(result.solutions).toEqual([{ offerIds: [], total: 0, vendors: [], saving: 0, provenOptimal: true }]);
  });

  it('stops at the time limit with whatever feasible selection it has', async () => {
    const input = { ...generateInstance({ seed: 7, components: 30, offersPerComponent: 100 }), timeLimitMs: 1 };
    const result = await assemble({ ...input, constraints: { maxVendors: 3 } });
    expect(['optimal', 'feasible', 'unknown']).toContain(result.status);
    for (const solution of result.solutions) {
      expect(findViolations({ ...input, constraints: { maxVendors: 3 } }, solution.offerIds)).toEqual([]);
    }
    if (result.status !== 'optimal') expect(result.solutions.every((solution) => !solution.provenOptimal)).toBe(true);
  });

  it('reports its work', async () => {
    const input = generateInstance({ seed: 3, components: 10, offersPerComponent: 20 });
    const { stats } = await assemble(input);
    expect(stats.offersIn).toBe(input.offers.length);
    expect(stats.offersAfterDomination).toBeLessThanOrEqual(stats.offersIn);
    expect(stats.offersAfterReduction).toBeLessThanOrEqual(stats.offersAfterDomination);
    expect(stats.solveMs).toBeGreaterThan(0);
  });
});

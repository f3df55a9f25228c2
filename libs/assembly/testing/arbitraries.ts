import fc from 'fast-check';
import type { AssemblyConstraints, AssemblyInput } from '../types';
import { generateBundleHeavyInstance, generateInstance } from './generate-instance';

/**
 * fast-check arbitraries: generated instances with random constraints. Small ones have at most 14
 * offers, so that brute force (2^offers subsets) stays cheap.
 */
export function smallInstance(): fc.Arbitrary<AssemblyInput> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      components: fc.integer({ min: 1, max: 4 }),
      offersPerComponent: fc.integer({ min: 1, max: 3 }),
      bundles: fc.integer({ min: 0, max: 4 }),
      vendors: fc.integer({ min: 1, max: 4 }),
      optionalShare: fc.constantFrom(0, 0, 0.4),
      includeOptional: fc.boolean(),
      constraints: constraintsArbitrary(4),
    })
    .filter((shape) => shape.components * shape.offersPerComponent + shape.bundles <= 14)
    .map(({ includeOptional, constraints, ...spec }) => ({
      ...generateInstance({ ...spec, unratedVendorShare: 0.2 }),
      includeOptional,
      constraints: scaleBudget(constraints, spec.components),
    }));
}

/** Larger instances (up to 12 components x 12 offers each plus bundles), for checks without brute force. */
export function mediumInstance(): fc.Arbitrary<AssemblyInput> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      components: fc.integer({ min: 3, max: 12 }),
      offersPerComponent: fc.integer({ min: 2, max: 12 }),
      vendors: fc.integer({ min: 2, max: 10 }),
      optionalShare: fc.constantFrom(0, 0, 0.2),
      includeOptional: fc.boolean(),
      constraints: constraintsArbitrary(10),
    })
    .map(({ includeOptional, constraints, ...spec }) => ({
      ...generateInstance(spec),
      includeOptional,
      constraints: scaleBudget(constraints, spec.components),
    }));
}

/**
 * Bundle-heavy instances (20-25 required components, 26-34 offers, mostly bundles, one exact
 * cover planted, 8 vendors) under vendor constraints: coverage alone is always feasible, and a
 * minimum rating, excluded vendors or a vendor limit often leave no exact cover, with or without
 * a component left uncovered. Too many offers for brute force: check with `enumerateExactCovers`.
 */
export function bundleHeavyInstance(): fc.Arbitrary<AssemblyInput> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      components: fc.integer({ min: 20, max: 25 }),
      offers: fc.integer({ min: 26, max: 34 }),
      maxBundleSize: fc.constantFrom(3, 4, 4, 5),
      constraints: vendorConstraints(),
    })
    .map(({ constraints, ...spec }) => ({ ...generateBundleHeavyInstance({ ...spec, vendors: 8 }), constraints }));
}

/** One vendor constraint alone (three times in four), or any mix of them. */
function vendorConstraints(): fc.Arbitrary<AssemblyConstraints> {
  const minVendorRating = fc.constantFrom(2.5, 2.8, 3, 3.3, 3.5, 4);
  const excludedVendorIds = fc.uniqueArray(
    fc.integer({ min: 0, max: 7 }).map((index) => `v${index}`),
    { minLength: 1, maxLength: 2 },
  );
  const maxVendors = fc.integer({ min: 2, max: 8 });
  return fc.oneof(
    fc.record({ minVendorRating }),
    fc.record({ excludedVendorIds }),
    fc.record({ maxVendors }),
    fc.record({ minVendorRating, excludedVendorIds, maxVendors }, { requiredKeys: [] }),
  );
}

/** A budget as a multiple of the components' typical prices, so it sometimes binds. */
interface ConstraintsShape extends Omit<AssemblyConstraints, 'maxTotal'> {
  budgetPerComponent?: number;
}

function constraintsArbitrary(vendorCount: number): fc.Arbitrary<ConstraintsShape> {
  return fc.record(
    {
      budgetPerComponent: fc.integer({ min: 10_000, max: 50_000 }),
      maxVendors: fc.integer({ min: 1, max: 3 }),
      minVendorRating: fc.constantFrom(3, 3.5, 4),
      excludedVendorIds: fc.uniqueArray(
        fc.integer({ min: 0, max: vendorCount - 1 }).map((index) => `v${index}`),
        {
          maxLength: 2,
        },
      ),
    },
    { requiredKeys: [] },
  );
}

function scaleBudget({ budgetPerComponent, ...rest }: ConstraintsShape, componentCount: number): AssemblyConstraints {
  return budgetPerComponent === undefined ? rest : { ...rest, maxTotal: budgetPerComponent * componentCount };
}

import fc from 'fast-check';
import type { AssemblyConstraints, AssemblyInput } from '../types';
import { generateInstance } from './generate-instance';

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

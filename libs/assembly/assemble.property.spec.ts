import fc from 'fast-check';
import { assemble } from './assemble';
import { greedyAssemble } from './greedy';
import { findViolations } from './solution';
import { bundleHeavyInstance, mediumInstance, smallInstance } from './testing/arbitraries';
import { enumerateFeasibleSelections } from './testing/brute-force';
import { enumerateExactCovers } from './testing/exact-cover';
import { referenceInfeasibility, type ExpectedInfeasibility } from './testing/reference-diagnosis';
import type { AssemblyInput, AssemblyResult } from './types';

function expectWellFormed(input: AssemblyInput, result: AssemblyResult): void {
  const keys = result.solutions.map((solution) => [...solution.offerIds].sort().join());
  expect(new Set(keys).size).toBe(keys.length);
  result.solutions.forEach((solution, index) => {
    expect(findViolations(input, solution.offerIds)).toEqual([]);
    const prices = new Map(input.offers.map((offer) => [offer.id, offer.price]));
    expect(solution.total).toBe(solution.offerIds.reduce((sum, id) => sum + prices.get(id)!, 0));
    expect(solution.vendors.reduce((sum, share) => sum + share.subtotal, 0)).toBe(solution.total);
    if (index > 0) expect(solution.total).toBeGreaterThanOrEqual(result.solutions[index - 1].total);
  });
}

/** The result's infeasibility without its message, in the reference's shape (null when feasible). */
function namedInfeasibility(result: AssemblyResult): ExpectedInfeasibility | null {
  if (!result.infeasibility) return null;
  const { message, ...named } = result.infeasibility;
  expect(message).not.toBe('');
  return named;
}

describe('assemble, property-based', () => {
  it.each(['auto', 'milp'] as const)(
    'matches brute force on small instances: best, alternatives and the reason for infeasibility (engine %s)',
    async (engine) => {
      await fc.assert(
        fc.asyncProperty(smallInstance(), fc.integer({ min: 0, max: 3 }), async (instance, alternatives) => {
          const input = { ...instance, alternatives, engine };
          const result = await assemble(input);
          const truth = enumerateFeasibleSelections(input);
          expectWellFormed(input, result);
          expect(namedInfeasibility(result)).toEqual(referenceInfeasibility(input, enumerateFeasibleSelections));
          if (truth.length === 0) {
            expect(result.status).toBe('infeasible');
            return;
          }
          expect(result.status).toBe('optimal');
          expect(result.solutions.every((solution) => solution.provenOptimal)).toBe(true);
          const greedy = greedyAssemble(input);
          if (greedy) expect(result.solutions[0].total).toBeLessThanOrEqual(greedy.total);
          expect(result.solutions.map((solution) => solution.total)).toEqual(
            truth.slice(0, alternatives + 1).map((selection) => selection.total),
          );
        }),
        { numRuns: 120 },
      );
    },
  );

  it('is feasible, never dearer than a feasible greedy pick, and agrees across engines on larger instances', async () => {
    await fc.assert(
      fc.asyncProperty(mediumInstance(), async (input) => {
        const result = await assemble(input);
        expectWellFormed(input, result);
        const greedy = greedyAssemble(input);
        if (greedy) {
          expect(findViolations(input, greedy.offerIds)).toEqual([]);
          expect(result.status).toBe('optimal');
          expect(result.solutions[0].total).toBeLessThanOrEqual(greedy.total);
        }
        const milp = await assemble({ ...input, engine: 'milp' });
        expect(milp.status).toBe(result.status);
        expect(milp.solutions.map((solution) => solution.total)).toEqual(
          result.solutions.map((solution) => solution.total),
        );
        expect(milp.infeasibility?.constraint).toBe(result.infeasibility?.constraint);
      }),
      { numRuns: 40 },
    );
  });

  // HiGHS's presolve has called feasible exact-cover models of this shape infeasible (diagnose.ts,
  // selection-model.ts): the reason named must still be the right one, on either engine.
  it.each(['auto', 'milp'] as const)(
    'names the right reason on bundle-heavy instances whose coverage is feasible but a vendor constraint is not (engine %s)',
    async (engine) => {
      const seen = { feasible: 0, infeasible: 0, withoutMissingComponents: 0 };
      await fc.assert(
        fc.asyncProperty(bundleHeavyInstance(), async (instance) => {
          const input = { ...instance, engine };
          const result = await assemble(input);
          const truth = enumerateExactCovers(input);
          expect(enumerateExactCovers({ ...input, constraints: {} }).length).toBeGreaterThan(0);
          expectWellFormed(input, result);
          const expected = referenceInfeasibility(input, enumerateExactCovers);
          expect(namedInfeasibility(result)).toEqual(expected);
          if (truth.length === 0) {
            expect(result.status).toBe('infeasible');
            seen.infeasible += 1;
            if (!expected?.componentIds) seen.withoutMissingComponents += 1;
            return;
          }
          seen.feasible += 1;
          expect(result.status).toBe('optimal');
          expect(result.solutions.map((solution) => solution.total)).toEqual(
            truth.slice(0, result.solutions.length).map((selection) => selection.total),
          );
          expect(result.solutions).toHaveLength(Math.min(4, truth.length));
        }),
        { numRuns: 200 },
      );
      // The shape is meant to exercise the diagnosis: mostly infeasible, often with every component still offered.
      expect(seen.infeasible).toBeGreaterThan(80);
      expect(seen.withoutMissingComponents).toBeGreaterThan(40);
      expect(seen.feasible).toBeGreaterThan(15);
    },
  );
});

import { diagnoseInfeasibility } from './diagnose';
import { removeDominatedOffers } from './dominance';
import { greedyAssemble } from './greedy';
import { distinctVendorCount, eligibleOffers, prepareProblem, uncoveredRequiredComponents } from './problem';
import { findCheapestSelections } from './search';
import { loadSolver } from './selection-model';
import { cheapestSinglesReference, describeSelection } from './solution';
import type { AssemblyInput, AssemblyResult, AssemblyStats } from './types';

/**
 * Picks the cheapest combination of offers covering every required component exactly once under
 * the constraints, plus up to `alternatives` next-best distinct combinations. Exact: see
 * dominance.ts for the pre-reduction, search.ts for the engines. Throws `AssemblyInputError` on
 * malformed input; an impossible request is a result with status 'infeasible' instead.
 */
export async function assemble(input: AssemblyInput): Promise<AssemblyResult> {
  const highs = await loadSolver();
  const started = performance.now();
  const problem = prepareProblem(input);
  const deadline = started + problem.timeLimitMs;
  const eligible = eligibleOffers(problem);
  let offersAfterDomination = 0;
  const stats = (offersAfterReduction: number): AssemblyStats => ({
    offersIn: input.offers.length,
    offersAfterDomination,
    offersAfterReduction,
    solveMs: performance.now() - started,
  });
  const reference = cheapestSinglesReference(problem, eligible);

  let offersAfterReduction = 0;
  if (uncoveredRequiredComponents(problem, eligible).length === 0) {
    const { maxVendors, maxTotal } = problem.constraints;
    // A vendor limit at or above the number of vendors constrains nothing.
    const bindingMaxVendors = maxVendors !== null && maxVendors < distinctVendorCount(eligible) ? maxVendors : null;
    const limits = { maxVendors: bindingMaxVendors, maxTotal, required: problem.required };
    const reduced = removeDominatedOffers(eligible, {
      keep: problem.selectionsWanted,
      vendorAware: bindingMaxVendors !== null,
      required: problem.required,
    }).kept;
    offersAfterDomination = reduced.length;
    const search = findCheapestSelections(highs, {
      offers: reduced,
      limits,
      wanted: problem.selectionsWanted,
      deadline,
      engine: input.engine ?? 'auto',
    });
    offersAfterReduction = search.offersConsidered;

    if (search.outcome === 'found') {
      return {
        status: search.selections[0].proven ? 'optimal' : 'feasible',
        solutions: search.selections.map((selection) =>
          describeSelection(selection.offers, reference, selection.proven),
        ),
        stats: stats(offersAfterReduction),
      };
    }
    if (search.outcome === 'stoppedWithoutSolution') {
      const fallback = greedyAssemble(input);
      return fallback
        ? { status: 'feasible', solutions: [fallback], stats: stats(offersAfterReduction) }
        : { status: 'unknown', solutions: [], stats: stats(offersAfterReduction) };
    }
  }

  const infeasibility = diagnoseInfeasibility(highs, problem, deadline);
  if (infeasibility === null || infeasibility === 'unknown') {
    return { status: 'unknown', solutions: [], stats: stats(offersAfterReduction) };
  }
  return { status: 'infeasible', solutions: [], infeasibility, stats: stats(offersAfterReduction) };
}

/** Loads the WebAssembly solver ahead of the first `assemble` call (it takes tens of ms). */
export async function preloadAssemblySolver(): Promise<void> {
  await loadSolver();
}

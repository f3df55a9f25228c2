import type { Highs } from 'highs';
import { removeDominatedOffers } from './dominance';
import { eligibleOffers, uncoveredRequiredComponents, type PreparedOffer, type Problem } from './problem';
import { SelectionModel, type SelectionModelSpec } from './selection-model';
import type { Infeasibility } from './types';

/**
 * Explains an infeasible request by adding constraints one at a time, in this order, and naming
 * the first one after which no selection exists:
 *   coverage alone (NO_OFFER_FOR_COMPONENT, or NO_EXACT_COVER when every component has offers but
 *   they overlap badly) -> excluded vendors -> minimum rating -> max vendors -> budget.
 * The named constraint is the one that breaks feasibility given the earlier ones; it may also be
 * fine on its own (then it is the combination that fails, as the message says).
 * Returns 'unknown' when the time limit stops a check, null if everything turned out feasible.
 *
 * Each step is a HiGHS MILP, and a wrong "infeasible" would name the wrong constraint (HiGHS's
 * presolve called coverage alone infeasible for a request really blocked by its minimum rating):
 * `SelectionModel.solve` only reports infeasible once a run without presolve agrees.
 */
export function diagnoseInfeasibility(
  highs: Highs,
  problem: Problem,
  deadline: number,
): Infeasibility | 'unknown' | null {
  const { excludedVendorIds, minVendorRating, maxVendors, maxTotal } = problem.constraints;
  const ids = (components: number[]) => components.map((component) => problem.componentIds[component]);

  const missing = uncoveredRequiredComponents(problem, problem.offers);
  if (missing.length > 0) {
    return {
      constraint: 'NO_OFFER_FOR_COMPONENT',
      message: `No offer covers ${ids(missing).join(', ')}.`,
      componentIds: ids(missing),
    };
  }
  const coverage = cheapestTotal(highs, problem, problem.offers, null, deadline);
  if (coverage !== 'infeasible' && typeof coverage !== 'number') return 'unknown';
  if (coverage === 'infeasible') {
    return {
      constraint: 'NO_EXACT_COVER',
      message: 'Every component has offers, but no combination covers each required component exactly once.',
    };
  }

  const filterSteps = [
    {
      active: excludedVendorIds.size > 0,
      constraint: 'EXCLUDED_VENDORS' as const,
      offers: eligibleOffers(problem, { excludedVendors: true, minRating: false }),
      cause: 'the excluded vendors',
    },
    {
      active: minVendorRating !== null,
      constraint: 'MIN_RATING' as const,
      offers: eligibleOffers(problem),
      cause: `vendors rated below ${minVendorRating} or not rated`,
    },
  ];
  for (const step of filterSteps) {
    if (!step.active) continue;
    const left = uncoveredRequiredComponents(problem, step.offers);
    if (left.length > 0) {
      return {
        constraint: step.constraint,
        message: `Without ${step.cause}, nothing covers ${ids(left).join(', ')}.`,
        componentIds: ids(left),
      };
    }
    const outcome = cheapestTotal(highs, problem, step.offers, null, deadline);
    if (outcome === 'unknown') return 'unknown';
    if (outcome === 'infeasible') {
      return {
        constraint: step.constraint,
        message: `Without ${step.cause}, no combination covers each required component exactly once.`,
      };
    }
  }

  const eligible = eligibleOffers(problem);
  if (maxVendors !== null) {
    const fewest = fewestVendors(highs, problem, eligible, deadline);
    if (fewest === 'unknown') return 'unknown';
    if (fewest > maxVendors) {
      return {
        constraint: 'MAX_VENDORS',
        message: `Covering every required component needs at least ${fewest} vendors; at most ${maxVendors} allowed.`,
        minimumVendors: fewest,
      };
    }
  }
  if (maxTotal !== null) {
    const cheapest = cheapestTotal(highs, problem, eligible, maxVendors, deadline);
    if (cheapest === 'unknown') return 'unknown';
    if (cheapest !== 'infeasible' && cheapest > maxTotal) {
      return {
        constraint: 'BUDGET',
        message: `The cheapest selection meeting the other constraints costs ${cheapest}, above the budget of ${maxTotal}.`,
        cheapestTotal: cheapest,
      };
    }
  }
  return null;
}

function cheapestTotal(
  highs: Highs,
  problem: Problem,
  offers: readonly PreparedOffer[],
  maxVendors: number | null,
  deadline: number,
): number | 'infeasible' | 'unknown' {
  const reduced = removeDominatedOffers(offers, {
    keep: 1,
    vendorAware: maxVendors !== null,
    required: problem.required,
  }).kept;
  const outcome = solveOnce(
    highs,
    { offers: reduced, required: problem.required, maxVendors, maxTotal: null, objective: 'total' },
    deadline,
  );
  if (outcome === 'infeasible' || outcome === 'unknown') return outcome;
  return outcome.reduce((sum, index) => sum + reduced[index].price, 0);
}

function fewestVendors(
  highs: Highs,
  problem: Problem,
  offers: readonly PreparedOffer[],
  deadline: number,
): number | 'unknown' {
  const reduced = removeDominatedOffers(offers, { keep: 1, vendorAware: true, required: problem.required }).kept;
  const outcome = solveOnce(
    highs,
    { offers: reduced, required: problem.required, maxVendors: null, maxTotal: null, objective: 'vendorCount' },
    deadline,
  );
  // Feasibility without a vendor limit was established by the previous step.
  if (outcome === 'infeasible' || outcome === 'unknown') return 'unknown';
  return new Set(outcome.map((index) => reduced[index].vendorId)).size;
}

/** Indexes of the optimal selection, or why there is none. A merely feasible answer is 'unknown'. */
function solveOnce(highs: Highs, spec: SelectionModelSpec, deadline: number): number[] | 'infeasible' | 'unknown' {
  const model = new SelectionModel(highs, spec);
  try {
    const outcome = model.solve(deadline);
    if (outcome.status === 'infeasible') return 'infeasible';
    return outcome.status === 'optimal' ? outcome.selection : 'unknown';
  } finally {
    model.dispose();
  }
}

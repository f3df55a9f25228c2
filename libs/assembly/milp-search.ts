import type { Highs } from 'highs';
import type { FoundSelection, PreparedOffer, SearchResult } from './problem';
import { SelectionModel, type SolveOutcome } from './selection-model';
import { kthTotalUpperBound, type SelectionLimits } from './upper-bound';

export interface MilpSearchRequest {
  offers: readonly PreparedOffer[];
  /** Per offer: a lower bound on the total of any selection using it (floor + reduced cost). */
  lowerBounds: Float64Array;
  limits: SelectionLimits;
  wanted: number;
  deadline: number;
  /** An upper bound on the wanted-th best total already known (e.g. from an interrupted search). */
  knownUpperBound: number;
}

/**
 * The MILP engine: the best selection by MILP, each next one by adding a no-good cut for the
 * previous ones and solving again (selection-model.ts).
 *
 * To keep the MILP small, offers are first screened by their lower bounds:
 * 1. offers whose bound exceeds the budget or `knownUpperBound` go;
 * 2. a first MILP over the offers with the lowest bounds finds a good selection, whose
 *    neighbours give U, an upper bound on the `wanted`-th cheapest total (upper-bound.ts);
 * 3. offers whose bound exceeds U cannot be in any of the `wanted` cheapest selections, so the
 *    final MILP only holds the rest. When the first MILP already held all of them, it is reused.
 */
export function milpSearch(highs: Highs, request: MilpSearchRequest): SearchResult {
  const { offers, lowerBounds, limits, wanted, deadline } = request;
  const budget = Math.min(limits.maxTotal ?? Infinity, request.knownUpperBound);
  const order = offers
    .map((_, index) => index)
    .filter((index) => !exceeds(lowerBounds[index], budget))
    .sort((a, b) => lowerBounds[a] - lowerBounds[b]);

  const firstSize = Math.min(order.length, 4 * limits.required.filter(Boolean).length + 10);
  const firstOffers = order.slice(0, firstSize).map((index) => offers[index]);
  let model = new SelectionModel(highs, modelSpec(firstOffers, limits));
  let modelOffers = firstOffers;
  try {
    let first = model.solve(deadline);
    let upperBound = budget;
    if (first.selection.length > 0 || first.status === 'optimal') {
      const selection = first.selection.map((index) => firstOffers[index]);
      upperBound = Math.min(budget, kthTotalUpperBound(selection, offers, limits, wanted));
    }
    const finalOrder = order.filter((index) => !exceeds(lowerBounds[index], upperBound));
    // `order` is sorted by bound, so the first model already holds every survivor unless more remain.
    if (finalOrder.length > firstSize) {
      model.dispose();
      modelOffers = finalOrder.map((index) => offers[index]);
      model = new SelectionModel(highs, modelSpec(modelOffers, limits));
      first = model.solve(deadline);
    }
    return collectSelections(model, modelOffers, first, wanted, deadline);
  } finally {
    model.dispose();
  }
}

function collectSelections(
  model: SelectionModel,
  modelOffers: readonly PreparedOffer[],
  first: SolveOutcome,
  wanted: number,
  deadline: number,
): SearchResult {
  const selections: FoundSelection[] = [];
  let outcome = first;
  while (outcome.selection.length > 0 || outcome.status === 'optimal') {
    selections.push({
      offers: outcome.selection.map((index) => modelOffers[index]),
      proven: outcome.status === 'optimal',
    });
    if (selections.length >= wanted || performance.now() >= deadline) break;
    model.exclude(outcome.selection);
    outcome = model.solve(deadline);
  }
  if (selections.length > 0) return { outcome: 'found', selections, offersConsidered: modelOffers.length };
  return {
    outcome: first.status === 'infeasible' ? 'infeasible' : 'stoppedWithoutSolution',
    selections,
    offersConsidered: modelOffers.length,
  };
}

function modelSpec(offers: readonly PreparedOffer[], limits: SelectionLimits) {
  return {
    offers,
    required: limits.required,
    maxVendors: limits.maxVendors,
    maxTotal: limits.maxTotal,
    objective: 'total' as const,
  };
}

/** Strictly above, with a margin for the floating-point duals behind the bounds. */
function exceeds(bound: number, limit: number): boolean {
  return bound > limit + 1e-6 * Math.max(1, Math.abs(limit));
}

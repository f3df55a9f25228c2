import type { Highs } from 'highs';
import { componentDuals, reducedCosts } from './bounds';
import { removeDominatedOffers } from './dominance';
import { searchCovers, type CoverSearchStatus } from './cover-search';
import { milpSearch } from './milp-search';
import type { FoundSelection, PreparedOffer, SearchResult } from './problem';
import { compareSelections, selectionPositions, TopSelections } from './top-selections';
import { roundLpSolution, withNeighbours, type SelectionLimits } from './upper-bound';
import { searchVendorSets } from './vendor-sets';

/**
 * 'auto': the reduced-cost enumeration (cover-search.ts, vendor-sets.ts), exact and fast, with the
 * MILP as fallback when it exceeds its node budget or there are too many vendor sets to bound.
 * 'milp': always the HiGHS MILP with no-good cuts (milp-search.ts).
 */
export type AssemblyEngine = 'auto' | 'milp';

export interface SearchRequest {
  /** Eligible offers after domination removal. */
  offers: readonly PreparedOffer[];
  limits: SelectionLimits;
  /** Best selection plus alternatives. */
  wanted: number;
  /** `performance.now()` instant after which solving stops. */
  deadline: number;
  engine: AssemblyEngine;
}

/** Search nodes the enumeration may spend before handing over to the MILP. */
const ENUMERATION_NODE_LIMIT = 300_000;

export function findCheapestSelections(highs: Highs, request: SearchRequest): SearchResult {
  const { offers, limits, wanted, deadline } = request;
  const lp = componentDuals(highs, offers, limits.required);
  const { reduced, floor } = reducedCosts(offers, lp.dual, limits.required);
  const best = new TopSelections(wanted, limits.maxTotal);
  // A good start: the LP solution rounded, and its neighbours. Often optimal already, and without
  // it the enumeration may wander through poor selections before its threshold gets tight.
  const rounded = roundLpSolution(lp.values, offers, limits);
  if (rounded) {
    for (const candidate of withNeighbours(rounded, offers, limits)) best.consider(candidate.offers, candidate.total);
  }

  if (request.engine === 'auto') {
    const status = enumerate({ offers, reduced, floor, limits, deadline, lpValues: lp.values }, best);
    if (status === 'complete' || status === 'timeLimit') {
      const proven = status === 'complete';
      const threshold = best.threshold();
      return {
        outcome: best.size > 0 ? 'found' : proven ? 'infeasible' : 'stoppedWithoutSolution',
        selections: best.list().map((selection) => ({ offers: selection.offers, proven })),
        offersConsidered: reduced.filter((cost) => floor + cost <= threshold + 1e-6 * Math.max(1, threshold)).length,
      };
    }
  }
  const milp = milpSearch(highs, {
    offers,
    lowerBounds: reduced.map((cost) => floor + cost),
    limits,
    wanted,
    deadline,
    knownUpperBound: best.size >= wanted ? best.threshold() : Infinity,
  });
  const milpProven = milp.selections.length > 0 && milp.selections.every((selection) => selection.proven);
  if (best.size === 0 || milpProven) return { ...milp, selections: inRankOrder(milp.selections) };
  // The MILP was stopped too: keep the cheapest of what either search found, unproven.
  for (const selection of milp.selections) {
    best.consider(
      selection.offers,
      selection.offers.reduce((sum, offer) => sum + offer.price, 0),
    );
  }
  return {
    outcome: 'found',
    selections: best.list().map((selection) => ({ offers: selection.offers, proven: false })),
    offersConsidered: milp.offersConsidered,
  };
}

/**
 * The MILP finds equal totals in whatever order HiGHS meets them: order them like the enumeration
 * does (`compareSelections`). Safe for `proven`: a selection proven cheapest among the rest stays
 * so when another of the same total moves ahead of it.
 */
function inRankOrder(selections: readonly FoundSelection[]): FoundSelection[] {
  const ranked = selections.map((selection) => ({
    selection,
    total: selection.offers.reduce((sum, offer) => sum + offer.price, 0),
    positions: selectionPositions(selection.offers),
  }));
  return ranked.sort(compareSelections).map((entry) => entry.selection);
}

interface EnumerationRequest {
  offers: readonly PreparedOffer[];
  reduced: Float64Array;
  floor: number;
  limits: SelectionLimits;
  deadline: number;
  lpValues: ReadonlyMap<PreparedOffer, number>;
}

/**
 * With a vendor limit, first the cheapest selections ignoring it: if they all respect it they are
 * also the cheapest under it (a restriction cannot add cheaper ones), which settles the common
 * case of a limit that barely binds. Otherwise those that respect it seed the vendor-set search.
 * Null: too many vendor sets to bound, use the MILP.
 */
function enumerate(request: EnumerationRequest, best: TopSelections): CoverSearchStatus | null {
  const { offers, reduced, floor, limits, deadline } = request;
  const common = { offers, reduced, floor, required: limits.required, maxTotal: limits.maxTotal, deadline };
  const { maxVendors } = limits;
  if (maxVendors === null) {
    return searchCovers({ ...common, maxVendors: null, nodeLimit: ENUMERATION_NODE_LIMIT }, best).status;
  }
  const vendorSetSearch = () =>
    searchVendorSets({ ...common, maxVendors, nodeLimit: ENUMERATION_NODE_LIMIT }, best)?.status ?? null;
  // Worth trying only if the LP's own (limit-free) solution is not far from the limit.
  const unlimitedLp = roundLpSolution(request.lpValues, offers, { ...limits, maxVendors: null });
  if (!unlimitedLp || new Set(unlimitedLp.map((offer) => offer.vendorId)).size > 2 * maxVendors) {
    return vendorSetSearch();
  }
  // Ignoring the limit, the usual domination applies again, which keeps this search small.
  const relaxedOffers = new Set(
    removeDominatedOffers(offers, { keep: best.wanted, vendorAware: false, required: limits.required }).kept,
  );
  const relaxedIndexes = offers.map((_, index) => index).filter((index) => relaxedOffers.has(offers[index]));
  const unlimited = new TopSelections(best.wanted, limits.maxTotal);
  const relaxed = searchCovers(
    {
      ...common,
      offers: relaxedIndexes.map((index) => offers[index]),
      reduced: Float64Array.from(relaxedIndexes, (index) => reduced[index]),
      maxVendors: null,
      nodeLimit: ENUMERATION_NODE_LIMIT,
    },
    unlimited,
  );
  const withinLimit = unlimited
    .list()
    .filter((selection) => new Set(selection.offers.map((offer) => offer.vendorId)).size <= maxVendors);
  for (const selection of withinLimit) best.consider(selection.offers, selection.total);
  if (relaxed.status === 'complete' && withinLimit.length === unlimited.size) return 'complete';
  return vendorSetSearch();
}

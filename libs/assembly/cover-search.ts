import type { PreparedOffer } from './problem';
import type { TopSelections } from './top-selections';

/**
 * Exact enumeration of the cheapest selections in reduced-cost space (see bounds.ts).
 *
 * Depth-first: branch on the open required component with the fewest offers that still fit
 * (overlap nothing chosen, respect the vendor limit and budget), trying them cheapest reduced cost
 * first; once all required components are covered, decide each optional component (leave it out,
 * or cover it). A branch is cut when an open component has no fitting offer left, or when
 *   floor + reduced costs chosen + sum over open required components of a price p(c)
 * exceeds the current k-th best total, where the prices p are such that no fitting offer costs
 * less than the prices of its components (start from each component's least share, an offer's
 * reduced cost split evenly over its required components, then raise each price as far as its
 * offers allow): by LP duality that sum bounds every selection below the branch. Every selection
 * is generated exactly once (the offer covering the branching component is determined by the
 * selection), so a search that runs to completion has seen every selection that could beat the
 * k-th best: the result is exact, proven by the bound.
 */
export interface CoverSearchInput {
  offers: readonly PreparedOffer[];
  /** Parallel to `offers`. */
  reduced: Float64Array;
  floor: number;
  required: readonly boolean[];
  /** Binding vendor limit, or null. */
  maxVendors: number | null;
  maxTotal: number | null;
  deadline: number;
  /** Gives up (status 'nodeLimit') after this many search nodes. */
  nodeLimit: number;
  /** Where to search; default `componentLists(all offers)`. */
  lists?: ComponentLists;
  /** Parallel to `offers`: `offerShares(...)`, when the caller already has it. */
  shares?: Float64Array;
  /** Also ignore selections above this total (a heuristic cut: the search is then partial). */
  ceiling?: number;
}

/**
 * Per component, lists of indexes into `offers` of offers covering it, each list sorted by reduced
 * cost ascending (so scans stop at the first offer over the budget). Several lists per component
 * let callers combine precomputed per-vendor lists without merging them.
 */
export type ComponentLists = readonly (readonly (readonly number[])[])[];

export type CoverSearchStatus = 'complete' | 'timeLimit' | 'nodeLimit';

class SearchStopped extends Error {
  constructor(readonly status: CoverSearchStatus) {
    super(status);
  }
}

export function componentLists(
  offers: readonly PreparedOffer[],
  reduced: Float64Array,
  componentCount: number,
  indexes: readonly number[] = offers.map((_, index) => index),
): number[][] {
  const lists: number[][] = Array.from({ length: componentCount }, () => []);
  for (const index of indexes) for (const component of offers[index].components) lists[component].push(index);
  for (const list of lists) list.sort((a, b) => reduced[a] - reduced[b] || offers[a].price - offers[b].price);
  return lists;
}

/** Per offer: its reduced cost divided by the number of required components it covers. */
export function offerShares(
  offers: readonly PreparedOffer[],
  reduced: Float64Array,
  required: readonly boolean[],
): Float64Array {
  return Float64Array.from(offers, (offer, index) => {
    let requiredCount = 0;
    for (const component of offer.components) if (required[component]) requiredCount += 1;
    return requiredCount === 0 ? 0 : reduced[index] / requiredCount;
  });
}

/** Adds every selection that can beat `best`'s threshold to `best`; returns whether it finished. */
export function searchCovers(
  input: CoverSearchInput,
  best: TopSelections,
): { status: CoverSearchStatus; nodes: number } {
  const { offers, reduced, floor, required, maxVendors, maxTotal } = input;
  const componentCount = required.length;
  const slack = (limit: number) => limit + 1e-6 * Math.max(1, Math.abs(limit));
  const ceiling = input.ceiling ?? Infinity;
  const limit = () => slack(Math.min(best.threshold(), ceiling));
  const lists: ComponentLists = input.lists ?? componentLists(offers, reduced, componentCount).map((list) => [list]);
  const listsOf = (component: number) => lists[component];
  const share = input.shares ?? offerShares(offers, reduced, required);
  const requiredComponents = required.flatMap((isRequired, component) => (isRequired ? [component] : []));
  const optionalComponents = required.flatMap((isRequired, component) => (isRequired ? [] : [component]));
  if (requiredComponents.some((component) => listsOf(component).every((list) => list.length === 0))) {
    return { status: 'complete', nodes: 0 };
  }

  const vendorUse = new Int32Array(offers.reduce((most, offer) => Math.max(most, offer.vendor + 1), 0));
  let vendorsInUse = 0;
  // 0 open, 1 covered, 2 optional and left out.
  const state = new Uint8Array(componentCount);
  // Scratch per node: prices of the open required components (zero elsewhere) behind the bound.
  const price = new Float64Array(componentCount);
  const chosen: PreparedOffer[] = [];
  let reducedSum = 0;
  let priceSum = 0;
  let nodes = 0;

  const fits = (index: number): boolean => {
    const offer = offers[index];
    for (const component of offer.components) if (state[component] !== 0) return false;
    if (maxVendors !== null && vendorUse[offer.vendor] === 0 && vendorsInUse >= maxVendors) return false;
    return maxTotal === null || priceSum + offer.price <= maxTotal;
  };
  const take = (index: number, sign: 1 | -1) => {
    const offer = offers[index];
    for (const component of offer.components) state[component] = sign === 1 ? 1 : 0;
    if (sign === 1 && vendorUse[offer.vendor]++ === 0) vendorsInUse += 1;
    if (sign === -1 && --vendorUse[offer.vendor] === 0) vendorsInUse -= 1;
    reducedSum += sign * reduced[index];
    priceSum += sign * offer.price;
    if (sign === 1) chosen.push(offer);
    else chosen.pop();
  };
  /** Fitting offers for a component within `budget`, cheapest reduced cost first. */
  const fittingOffers = (component: number, budget: number): number[] => {
    const options: number[] = [];
    for (const list of listsOf(component)) {
      for (const index of list) {
        if (reduced[index] > budget) break;
        if (fits(index)) options.push(index);
      }
    }
    return options.sort((a, b) => reduced[a] - reduced[b]);
  };
  const tryEach = (options: readonly number[]) => {
    for (const index of options) {
      if (floor + reducedSum + reduced[index] > limit() || !fits(index)) continue;
      take(index, 1);
      visit();
      take(index, -1);
    }
  };

  const visit = (): void => {
    nodes += 1;
    if ((nodes & 1023) === 0) {
      if (nodes > input.nodeLimit) throw new SearchStopped('nodeLimit');
      if (performance.now() > input.deadline) throw new SearchStopped('timeLimit');
    }
    const budget = limit() - floor - reducedSum;
    const open = (component: number) => state[component] === 0;
    const pricing = priceOpenComponents({
      requiredComponents,
      open,
      listsOf,
      fits,
      budget,
      reduced,
      share,
      offers,
      price,
    });
    if (pricing.bound > budget) return;
    if (pricing.branchComponent < 0) decideOptional();
    else tryEach(fittingOffers(pricing.branchComponent, budget));
  };

  // Required components all covered: leave out or cover each open optional component, in order.
  const decideOptional = (): void => {
    const component = optionalComponents.find((candidate) => state[candidate] === 0);
    if (component === undefined) {
      best.consider(chosen, priceSum);
      return;
    }
    state[component] = 2;
    visit();
    state[component] = 0;
    tryEach(fittingOffers(component, limit() - floor - reducedSum));
  };

  try {
    visit();
    return { status: 'complete', nodes };
  } catch (error) {
    if (error instanceof SearchStopped) return { status: error.status, nodes };
    throw error;
  }
}

export interface PricingInput {
  requiredComponents: readonly number[];
  open: (component: number) => boolean;
  listsOf: (component: number) => readonly (readonly number[])[];
  fits: (index: number) => boolean;
  /** Offers dearer than this (reduced cost) are ignored: they cannot be part of a better selection. */
  budget: number;
  reduced: Float64Array;
  share: Float64Array;
  offers: readonly PreparedOffer[];
  /** Scratch, one entry per component. */
  price: Float64Array;
}

/**
 * The bound of the header comment: prices for the open required components that no fitting offer
 * undercuts, and their sum (Infinity, or anything above `budget`, means the branch can be cut;
 * the sum stops growing once over). Also the open component with the fewest fitting offers, -1
 * when none is open.
 */
export function priceOpenComponents(input: PricingInput): { bound: number; branchComponent: number } {
  const { requiredComponents, open, listsOf, fits, budget, reduced, share, offers, price } = input;
  let bound = 0;
  let branchComponent = -1;
  let fewestOptions = Infinity;
  for (const component of requiredComponents) {
    price[component] = 0;
    if (!open(component)) continue;
    let options = 0;
    let least = Infinity;
    for (const list of listsOf(component)) {
      for (const index of list) {
        if (reduced[index] > budget) break;
        if (!fits(index)) continue;
        least = Math.min(least, share[index]);
        options += 1;
      }
    }
    bound += least;
    if (bound > budget) return { bound: Infinity, branchComponent };
    price[component] = least;
    if (options < fewestOptions) {
      fewestOptions = options;
      branchComponent = component;
    }
  }
  // Raise each price as far as its offers allow (dual ascent): accounts for bundles that cannot
  // be combined, which the even shares ignore.
  for (const component of requiredComponents) {
    if (!open(component)) continue;
    let room = Infinity;
    for (const list of listsOf(component)) {
      for (const index of list) {
        if (reduced[index] > budget || room <= 0) break;
        if (!fits(index)) continue;
        let priced = 0;
        for (const covered of offers[index].components) priced += price[covered];
        room = Math.min(room, reduced[index] - priced);
      }
    }
    if (room > 0 && room !== Infinity) {
      price[component] += room;
      bound += room;
      if (bound > budget) return { bound: Infinity, branchComponent };
    }
  }
  return { bound, branchComponent };
}

import { byPriceThenId, type PreparedOffer } from './problem';

export interface SelectionLimits {
  /** Binding vendor limit, or null. */
  maxVendors: number | null;
  maxTotal: number | null;
  required: readonly boolean[];
}

export interface CandidateSelection {
  offers: PreparedOffer[];
  total: number;
}

/**
 * `selection` and its feasible neighbours: one offer swapped for another offer on the same
 * component set, or a bundle swapped for singles on its required components. All are distinct
 * feasible selections, so the k-th smallest of their totals bounds the k-th best from above, and
 * they make good starting points for the searches.
 */
export function withNeighbours(
  selection: readonly PreparedOffer[],
  pool: readonly PreparedOffer[],
  limits: SelectionLimits,
): CandidateSelection[] {
  const total = selection.reduce((sum, offer) => sum + offer.price, 0);
  const vendorOfferCounts = new Map<string, number>();
  for (const offer of selection) {
    vendorOfferCounts.set(offer.vendorId, (vendorOfferCounts.get(offer.vendorId) ?? 0) + 1);
  }
  const bySet = new Map<string, PreparedOffer[]>();
  for (const offer of pool) {
    const group = bySet.get(offer.setKey);
    if (group) group.push(offer);
    else bySet.set(offer.setKey, [offer]);
  }

  const candidates: CandidateSelection[] = [{ offers: [...selection], total }];
  const consider = (removed: PreparedOffer, added: readonly PreparedOffer[]) => {
    const newTotal = total - removed.price + added.reduce((sum, offer) => sum + offer.price, 0);
    if (limits.maxTotal !== null && newTotal > limits.maxTotal) return;
    if (limits.maxVendors !== null) {
      const vendors = new Set(vendorOfferCounts.keys());
      if (vendorOfferCounts.get(removed.vendorId) === 1) vendors.delete(removed.vendorId);
      for (const offer of added) vendors.add(offer.vendorId);
      if (vendors.size > limits.maxVendors) return;
    }
    candidates.push({ offers: [...selection.filter((offer) => offer !== removed), ...added], total: newTotal });
  };
  for (const removed of selection) {
    for (const replacement of bySet.get(removed.setKey) ?? []) {
      if (replacement !== removed) consider(removed, [replacement]);
    }
    if (removed.components.length > 1) {
      const singles = cheapestSinglesFor(removed, bySet, vendorOfferCounts, limits);
      if (singles) consider(removed, singles);
    }
  }
  return candidates;
}

/** The k-th smallest total among `withNeighbours(...)`; Infinity when there are fewer than k. */
export function kthTotalUpperBound(
  selection: readonly PreparedOffer[],
  pool: readonly PreparedOffer[],
  limits: SelectionLimits,
  k: number,
): number {
  const totals = withNeighbours(selection, pool, limits)
    .map((candidate) => candidate.total)
    .sort((a, b) => a - b);
  return totals.length < k ? Infinity : totals[k - 1];
}

/**
 * Rounds an LP solution to a selection: offers by decreasing LP value (then lower reduced cost)
 * while they overlap nothing taken, then the cheapest fitting single for each required component
 * left. Null when that does not give a feasible selection.
 */
export function roundLpSolution(
  lpValues: ReadonlyMap<PreparedOffer, number>,
  pool: readonly PreparedOffer[],
  limits: SelectionLimits,
): PreparedOffer[] | null {
  const covered = new Set<number>();
  const chosen: PreparedOffer[] = [];
  const take = (offer: PreparedOffer) => {
    chosen.push(offer);
    for (const component of offer.components) covered.add(component);
  };
  const byValue = [...lpValues.entries()].sort((a, b) => b[1] - a[1] || byPriceThenId(a[0], b[0]));
  for (const [offer] of byValue) {
    if (offer.components.every((component) => !covered.has(component))) take(offer);
  }
  const singles = pool.filter((offer) => offer.components.length === 1).sort(byPriceThenId);
  limits.required.forEach((isRequired, component) => {
    if (!isRequired || covered.has(component)) return;
    const single = singles.find((offer) => offer.components[0] === component);
    if (single) take(single);
  });
  const total = chosen.reduce((sum, offer) => sum + offer.price, 0);
  const complete = limits.required.every((isRequired, component) => !isRequired || covered.has(component));
  const vendorCount = new Set(chosen.map((offer) => offer.vendorId)).size;
  const withinLimits =
    (limits.maxTotal === null || total <= limits.maxTotal) &&
    (limits.maxVendors === null || vendorCount <= limits.maxVendors);
  return complete && withinLimits ? chosen : null;
}

/** The bundle's required components bought as singles, preferring vendors already selected. */
function cheapestSinglesFor(
  bundle: PreparedOffer,
  bySet: ReadonlyMap<string, PreparedOffer[]>,
  selectedVendors: ReadonlyMap<string, number>,
  limits: SelectionLimits,
): PreparedOffer[] | null {
  const singles: PreparedOffer[] = [];
  for (const component of bundle.components) {
    if (!limits.required[component]) continue;
    const options = [...(bySet.get(String(component)) ?? [])].sort(byPriceThenId);
    const preferred =
      limits.maxVendors === null ? options : options.filter((offer) => selectedVendors.has(offer.vendorId));
    const choice = preferred[0] ?? options[0];
    if (!choice) return null;
    singles.push(choice);
  }
  return singles;
}

import { byPriceThenId, type PreparedOffer } from './problem';

export interface SelectionLimits {
  /** Binding vendor limit, or null. */
  maxVendors: number | null;
  maxTotal: number | null;
  required: readonly boolean[];
}

/**
 * An upper bound on the k-th cheapest total: `selection` plus distinct feasible neighbours (one
 * offer swapped for another offer on the same component set, or a bundle swapped for singles)
 * are k or more distinct feasible selections, so the k-th smallest of their totals bounds the
 * k-th best from above. Infinity when fewer than k are found.
 */
export function kthTotalUpperBound(
  selection: readonly PreparedOffer[],
  pool: readonly PreparedOffer[],
  limits: SelectionLimits,
  k: number,
): number {
  const total = selection.reduce((sum, offer) => sum + offer.price, 0);
  if (k <= 1) return total;
  const vendorOfferCounts = new Map<string, number>();
  for (const offer of selection) vendorOfferCounts.set(offer.vendorId, (vendorOfferCounts.get(offer.vendorId) ?? 0) + 1);

  const bySet = new Map<string, PreparedOffer[]>();
  for (const offer of pool) {
    const group = bySet.get(offer.setKey);
    if (group) group.push(offer);
    else bySet.set(offer.setKey, [offer]);
  }

  const totals = [total];
  const fits = (removed: PreparedOffer, added: readonly PreparedOffer[], newTotal: number): boolean => {
    if (limits.maxTotal !== null && newTotal > limits.maxTotal) return false;
    if (limits.maxVendors === null) return true;
    const vendors = new Set(vendorOfferCounts.keys());
    if (vendorOfferCounts.get(removed.vendorId) === 1) vendors.delete(removed.vendorId);
    for (const offer of added) vendors.add(offer.vendorId);
    return vendors.size <= limits.maxVendors;
  };

  for (const removed of selection) {
    for (const replacement of bySet.get(removed.setKey) ?? []) {
      const newTotal = total - removed.price + replacement.price;
      if (replacement !== removed && fits(removed, [replacement], newTotal)) totals.push(newTotal);
    }
    if (removed.components.length > 1) {
      const singles = cheapestSinglesFor(removed, bySet, vendorOfferCounts, limits);
      if (singles) {
        const newTotal = total - removed.price + singles.reduce((sum, offer) => sum + offer.price, 0);
        if (fits(removed, singles, newTotal)) totals.push(newTotal);
      }
    }
  }
  if (totals.length < k) return Infinity;
  return totals.sort((a, b) => a - b)[k - 1];
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
    const preferred = limits.maxVendors === null ? options : options.filter((offer) => selectedVendors.has(offer.vendorId));
    const choice = preferred[0] ?? options[0];
    if (!choice) return null;
    singles.push(choice);
  }
  return singles;
}

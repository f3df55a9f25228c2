import { byPriceThenId, type PreparedOffer } from './problem';

/**
 * Domination removal: drops offers that provably cannot appear in the `keep` cheapest selections.
 *
 * An offer is dominated when every selection using it can be turned into `keep` OTHER distinct
 * selections, each costing no more, using the same vendors or a subset of them (or, with no
 * vendor-count constraint, any vendors). Then among the `keep` cheapest selections (ties broken by
 * fewer bundles, then cheaper-ranked offers) none uses it, so the `keep` lowest totals — the best
 * and the alternatives — are unchanged. Exclusions and the minimum rating are applied beforehand,
 * so replacements are always eligible; a budget is never broken because replacements cost no more.
 *
 * Rules, applied in this order ("cheaper" = lower price, ties by offer id):
 * - SAME_VENDOR_SAME_SET: among one vendor's offers for the same component set, keep the `keep`
 *   cheapest. Swapping for a cheaper one leaves the vendor set unchanged, so this holds under
 *   any max-vendors constraint.
 * - SAME_SET: with no binding max-vendors constraint only, keep the `keep` cheapest offers per
 *   component set across vendors. With a max-vendors constraint a cheaper offer from another
 *   vendor could add a vendor, so this rule is off (domination must be vendor-aware).
 * - BUNDLE_BEATEN_BY_SINGLES: a bundle is dominated when at least `keep` distinct combinations of
 *   single-component offers (same vendor only when max-vendors binds) cover its required
 *   components for no more than its price; its optional components may be left uncovered.
 */
export type DominationRule = 'SAME_VENDOR_SAME_SET' | 'SAME_SET' | 'BUNDLE_BEATEN_BY_SINGLES';

export interface DominationOptions {
  /** Number of selections that must survive: 1 + alternatives. */
  keep: number;
  /** True when a max-vendors constraint binds: replacements must not add a vendor. */
  vendorAware: boolean;
  /** Per component index: required (exactly once) rather than optional (at most once). */
  required: readonly boolean[];
}

export interface DominatedOffer {
  offer: PreparedOffer;
  rule: DominationRule;
}

export interface DominationResult {
  kept: PreparedOffer[];
  dominated: DominatedOffer[];
}

export function removeDominatedOffers(offers: readonly PreparedOffer[], options: DominationOptions): DominationResult {
  const dominated: DominatedOffer[] = [];
  const bySetThenVendor = (a: PreparedOffer, b: PreparedOffer) =>
    compareText(a.setKey, b.setKey) || a.vendor - b.vendor;
  let kept = keepCheapestPerGroup(offers, bySetThenVendor, options.keep, (offer) =>
    dominated.push({ offer, rule: 'SAME_VENDOR_SAME_SET' }),
  );
  if (!options.vendorAware) {
    kept = keepCheapestPerGroup(
      kept,
      (a, b) => compareText(a.setKey, b.setKey),
      options.keep,
      (offer) => dominated.push({ offer, rule: 'SAME_SET' }),
    );
  }
  const beaten = new Set(bundlesBeatenBySingles(kept, options));
  for (const offer of beaten) dominated.push({ offer, rule: 'BUNDLE_BEATEN_BY_SINGLES' });
  return { kept: beaten.size === 0 ? kept : kept.filter((offer) => !beaten.has(offer)), dominated };
}

/** Keeps the `keep` cheapest of each group (groups: offers the comparator calls equal), in input order. */
function keepCheapestPerGroup(
  offers: readonly PreparedOffer[],
  groupOrder: (a: PreparedOffer, b: PreparedOffer) => number,
  keep: number,
  onDominated: (offer: PreparedOffer) => void,
): PreparedOffer[] {
  const order = offers.map((_, index) => index);
  order.sort((a, b) => groupOrder(offers[a], offers[b]) || byPriceThenId(offers[a], offers[b]));
  const survives = new Uint8Array(offers.length);
  let rank = 0;
  order.forEach((index, position) => {
    rank = position > 0 && groupOrder(offers[order[position - 1]], offers[index]) === 0 ? rank + 1 : 0;
    if (rank < keep) survives[index] = 1;
    else onDominated(offers[index]);
  });
  return offers.filter((_, index) => survives[index] === 1);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bundlesBeatenBySingles(offers: readonly PreparedOffer[], options: DominationOptions): PreparedOffer[] {
  // Single prices per component (and per vendor when vendor-aware), ascending, at most `keep`
  // each: a combination using a dearer one is never among the `keep` cheapest combinations.
  const singlePrices = new Map<string, number[]>();
  const priceListKey = (component: number, vendorId: string) =>
    options.vendorAware ? `${component}|${vendorId}` : `${component}`;
  for (const offer of offers) {
    if (offer.components.length !== 1) continue;
    const key = priceListKey(offer.components[0], offer.vendorId);
    const prices = singlePrices.get(key);
    if (prices) prices.push(offer.price);
    else singlePrices.set(key, [offer.price]);
  }
  for (const prices of singlePrices.values()) prices.sort((a, b) => a - b).splice(options.keep);

  return offers.filter((bundle) => {
    if (bundle.components.length < 2) return false;
    let cheapestCombinations = [0];
    for (const component of bundle.components) {
      const prices = singlePrices.get(priceListKey(component, bundle.vendorId)) ?? [];
      const choices = options.required[component] ? prices : [0, ...prices];
      cheapestCombinations = cheapestSums(cheapestCombinations, choices, options.keep);
      if (cheapestCombinations.length === 0) return false;
    }
    return cheapestCombinations.length >= options.keep && cheapestCombinations[options.keep - 1] <= bundle.price;
  });
}

/**
 * The `keep` smallest sums a + b over a in `partialSums`, b in `choices` (with multiplicity).
 * Keeping only `keep` partial sums per step is exact: a combination among the `keep` cheapest
 * overall has a prefix among the `keep` cheapest prefixes, or `keep` cheaper combinations exist.
 */
export function cheapestSums(partialSums: readonly number[], choices: readonly number[], keep: number): number[] {
  const sums: number[] = [];
  for (const partial of partialSums) for (const choice of choices) sums.push(partial + choice);
  return sums.sort((a, b) => a - b).slice(0, keep);
}

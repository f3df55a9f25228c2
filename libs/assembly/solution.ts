import { eligibleOffers, prepareProblem, type PreparedOffer, type Problem } from './problem';
import type { AssemblyInput, AssemblySolution, VendorShare } from './types';

/**
 * The "buy each cheapest single" reference: the sum over required components of the cheapest
 * eligible single-component offer (exclusions and minimum rating applied, vendor count and budget
 * ignored). Null when some required component has no eligible single offer.
 */
export function cheapestSinglesReference(problem: Problem, eligible: readonly PreparedOffer[]): number | null {
  const cheapest = new Array<number>(problem.componentIds.length).fill(Infinity);
  for (const offer of eligible) {
    if (offer.components.length === 1) {
      cheapest[offer.components[0]] = Math.min(cheapest[offer.components[0]], offer.price);
    }
  }
  let reference = 0;
  for (let component = 0; component < cheapest.length; component += 1) {
    if (!problem.required[component]) continue;
    if (cheapest[component] === Infinity) return null;
    reference += cheapest[component];
  }
  return reference;
}

export function describeSelection(
  offers: readonly PreparedOffer[],
  reference: number | null,
  provenOptimal: boolean,
): AssemblySolution {
  const inInputOrder = [...offers].sort((a, b) => a.inputIndex - b.inputIndex);
  const shares = new Map<string, VendorShare>();
  for (const offer of inInputOrder) {
    const share = shares.get(offer.vendorId) ?? { vendorId: offer.vendorId, offerIds: [], subtotal: 0 };
    share.offerIds.push(offer.id);
    share.subtotal += offer.price;
    shares.set(offer.vendorId, share);
  }
  const total = inInputOrder.reduce((sum, offer) => sum + offer.price, 0);
  return {
    offerIds: inInputOrder.map((offer) => offer.id),
    total,
    vendors: [...shares.values()].sort(
      (a, b) => b.subtotal - a.subtotal || (a.vendorId < b.vendorId ? -1 : a.vendorId > b.vendorId ? 1 : 0),
    ),
    saving: reference === null ? null : reference - total,
    provenOptimal,
  };
}

/**
 * Everything wrong with choosing `offerIds` for `input`, as readable messages; empty when the
 * selection covers every required component exactly once, optional components at most once (and
 * only when included), and respects every constraint.
 */
export function findViolations(input: AssemblyInput, offerIds: readonly string[]): string[] {
  const problem = prepareProblem(input);
  const violations: string[] = [];
  const byId = new Map(input.offers.map((offer) => [offer.id, offer]));
  const usable = new Set(problem.offers.map((offer) => offer.id));
  const eligible = new Set(eligibleOffers(problem).map((offer) => offer.id));
  const coverCount = new Map<string, number>();
  const vendors = new Set<string>();
  let total = 0;
  if (new Set(offerIds).size !== offerIds.length) violations.push('an offer is chosen twice');
  for (const offerId of offerIds) {
    const offer = byId.get(offerId);
    if (!offer) {
      violations.push(`unknown offer ${offerId}`);
      continue;
    }
    if (!usable.has(offerId)) violations.push(`offer ${offerId} covers an optional component left out`);
    else if (!eligible.has(offerId)) violations.push(`offer ${offerId} breaks the vendor exclusions or minimum rating`);
    for (const componentId of offer.componentIds) coverCount.set(componentId, (coverCount.get(componentId) ?? 0) + 1);
    vendors.add(offer.vendorId);
    total += offer.price;
  }
  input.components.forEach((component, index) => {
    const count = coverCount.get(component.id) ?? 0;
    if (problem.required[index] && count !== 1)
      violations.push(`required component ${component.id} covered ${count} times`);
    if (!problem.required[index] && count > 1)
      violations.push(`optional component ${component.id} covered ${count} times`);
  });
  const { maxVendors, maxTotal } = problem.constraints;
  if (maxVendors !== null && vendors.size > maxVendors)
    violations.push(`${vendors.size} vendors, at most ${maxVendors} allowed`);
  if (maxTotal !== null && total > maxTotal) violations.push(`total ${total} above the budget ${maxTotal}`);
  return violations;
}

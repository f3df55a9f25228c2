import { byPriceThenId, eligibleOffers, prepareProblem, type PreparedOffer } from './problem';
import { cheapestSinglesReference, describeSelection } from './solution';
import type { AssemblyInput, AssemblySolution } from './types';

/**
 * The naive pick, kept as a baseline for tests and the bench:
 * 1. bundles by decreasing saving (the sum of the cheapest singles for their required components
 *    minus their price; a component with no single counts as infinitely dear), each taken when it
 *    saves something, overlaps nothing taken, and fits the vendor limit and budget;
 * 2. then, component by component, the cheapest single — only from vendors already chosen once
 *    the vendor limit is reached.
 * Exclusions and the minimum rating are applied first. Returns null when this fails to produce a
 * feasible selection (an uncoverable component, the vendor limit, or the budget).
 */
export function greedyAssemble(input: AssemblyInput): AssemblySolution | null {
  const problem = prepareProblem(input);
  const { maxVendors, maxTotal } = problem.constraints;
  const eligible = eligibleOffers(problem);
  const singlesByComponent: PreparedOffer[][] = problem.componentIds.map(() => []);
  for (const offer of eligible) if (offer.components.length === 1) singlesByComponent[offer.components[0]].push(offer);
  for (const singles of singlesByComponent) singles.sort(byPriceThenId);

  const covered = new Array<boolean>(problem.componentIds.length).fill(false);
  const vendors = new Set<string>();
  const chosen: PreparedOffer[] = [];
  let total = 0;
  const vendorFits = (vendorId: string) => maxVendors === null || vendors.has(vendorId) || vendors.size < maxVendors;
  const take = (offer: PreparedOffer) => {
    chosen.push(offer);
    vendors.add(offer.vendorId);
    total += offer.price;
    for (const component of offer.components) covered[component] = true;
  };

  const bundles = eligible
    .filter((offer) => offer.components.length > 1)
    .map((bundle) => {
      const replaced = bundle.components
        .filter((component) => problem.required[component])
        .reduce((sum, component) => sum + (singlesByComponent[component][0]?.price ?? Infinity), 0);
      return { bundle, saving: replaced - bundle.price };
    })
    .sort((a, b) => b.saving - a.saving || byPriceThenId(a.bundle, b.bundle));
  for (const { bundle, saving } of bundles) {
    if (!(saving > 0)) break;
    if (bundle.components.some((component) => covered[component])) continue;
    if (!vendorFits(bundle.vendorId) || (maxTotal !== null && total + bundle.price > maxTotal)) continue;
    take(bundle);
  }

  for (let component = 0; component < covered.length; component += 1) {
    if (!problem.required[component] || covered[component]) continue;
    const single = singlesByComponent[component].find((offer) => vendorFits(offer.vendorId));
    if (!single) return null;
    take(single);
  }
  if (maxTotal !== null && total > maxTotal) return null;
  return describeSelection(chosen, cheapestSinglesReference(problem, eligible), false);
}

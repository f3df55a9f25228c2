import type { AssemblyInput } from '../types';
import type { EnumeratedSelection } from './brute-force';

/**
 * Every feasible selection of `input`, cheapest first: the same answer as
 * `enumerateFeasibleSelections` (brute force), found by a plain exact-cover search instead of
 * trying all subsets, so it reaches the bundle-heavy instances of 20-25 components and ~30 offers
 * where brute force cannot. Independent of the library: it takes each component in input order;
 * the first one not decided yet is covered by each fitting offer in turn or, when optional, also
 * left out for good, so every selection is generated exactly once; constraints are checked at the leaves.
 * Meant for instances with few exact covers (it lists them all); `limit` guards against others.
 */
export function enumerateExactCovers(input: AssemblyInput, limit = 200_000): EnumeratedSelection[] {
  const { components, offers } = input;
  const constraints = input.constraints ?? {};
  const excluded = new Set(constraints.excludedVendorIds ?? []);
  const position = new Map(components.map((component, index) => [component.id, index]));
  const optional = components.map((component) => component.optional === true);
  const usable = offers.filter(
    (offer) =>
      !excluded.has(offer.vendorId) &&
      (constraints.minVendorRating === undefined ||
        (offer.vendorRating !== null && offer.vendorRating >= constraints.minVendorRating)) &&
      offer.componentIds.every(
        (componentId) => input.includeOptional === true || !optional[position.get(componentId)!],
      ),
  );
  const covering = components.map((component) => usable.filter((offer) => offer.componentIds.includes(component.id)));

  // Per component: covered, or (optional only) left out for good, so no later offer covers it.
  const taken = new Array<boolean>(components.length).fill(false);
  const chosen: AssemblyInput['offers'] = [];
  const feasible: EnumeratedSelection[] = [];
  const visit = (from: number): void => {
    let component = from;
    while (component < components.length && taken[component]) component += 1;
    if (component === components.length) {
      const total = chosen.reduce((sum, offer) => sum + offer.price, 0);
      if (constraints.maxTotal !== undefined && total > constraints.maxTotal) return;
      const vendors = new Set(chosen.map((offer) => offer.vendorId)).size;
      if (constraints.maxVendors !== undefined && vendors > constraints.maxVendors) return;
      if (feasible.length >= limit) throw new Error('too many exact covers to enumerate');
      feasible.push({ offerIds: chosen.map((offer) => offer.id), total });
      return;
    }
    if (optional[component]) {
      taken[component] = true;
      visit(component + 1);
      taken[component] = false;
    }
    for (const offer of covering[component]) {
      const indexes = offer.componentIds.map((componentId) => position.get(componentId)!);
      if (indexes.some((index) => taken[index])) continue;
      for (const index of indexes) taken[index] = true;
      chosen.push(offer);
      visit(component + 1);
      chosen.pop();
      for (const index of indexes) taken[index] = false;
    }
  };
  visit(0);
  return feasible.sort((a, b) => a.total - b.total);
}

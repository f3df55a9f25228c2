import type { AssemblyInput } from '../types';

export interface EnumeratedSelection {
  offerIds: string[];
  total: number;
}

/**
 * Every feasible selection of `input`, cheapest first, found by trying all 2^offers subsets and
 * checking the rules directly (independently of the library): the ground truth for small
 * instances. Keep offers <= 16.
 */
export function enumerateFeasibleSelections(input: AssemblyInput): EnumeratedSelection[] {
  const { offers, components } = input;
  if (offers.length > 20) throw new Error('too many offers to enumerate');
  const constraints = input.constraints ?? {};
  const excluded = new Set(constraints.excludedVendorIds ?? []);
  const optional = new Set(components.filter((component) => component.optional).map((component) => component.id));
  const usable = (offer: AssemblyInput['offers'][number]) =>
    !excluded.has(offer.vendorId) &&
    (constraints.minVendorRating === undefined ||
      (offer.vendorRating !== null && offer.vendorRating >= constraints.minVendorRating)) &&
    offer.componentIds.every((componentId) => input.includeOptional === true || !optional.has(componentId));

  const feasible: EnumeratedSelection[] = [];
  for (let mask = 0; mask < 1 << offers.length; mask += 1) {
    const chosen = offers.filter((_, index) => (mask & (1 << index)) !== 0);
    if (!chosen.every(usable)) continue;
    const coverCount = new Map<string, number>();
    for (const offer of chosen) {
      for (const componentId of offer.componentIds) coverCount.set(componentId, (coverCount.get(componentId) ?? 0) + 1);
    }
    const covered = components.every((component) => {
      const count = coverCount.get(component.id) ?? 0;
      return component.optional ? count <= 1 : count === 1;
    });
    if (!covered) continue;
    const total = chosen.reduce((sum, offer) => sum + offer.price, 0);
    if (constraints.maxTotal !== undefined && total > constraints.maxTotal) continue;
    if (
      constraints.maxVendors !== undefined &&
      new Set(chosen.map((offer) => offer.vendorId)).size > constraints.maxVendors
    ) {
      continue;
    }
    feasible.push({ offerIds: chosen.map((offer) => offer.id), total });
  }
  return feasible.sort((a, b) => a.total - b.total);
}

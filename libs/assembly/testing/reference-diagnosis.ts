import type { AssemblyConstraints, AssemblyInput, Infeasibility } from '../types';
import type { EnumeratedSelection } from './brute-force';

export type ExpectedInfeasibility = Omit<Infeasibility, 'message'>;

/**
 * What `diagnoseInfeasibility` must name for `input`, worked out independently of the library:
 * the constraints are applied one at a time in its order (coverage, excluded vendors, minimum
 * rating, vendor limit, budget) and each step is decided by `enumerate`, a ground-truth lister of
 * every feasible selection (`enumerateFeasibleSelections` for tiny instances, `enumerateExactCovers`
 * for bundle-heavy ones). Null when the request is feasible.
 */
export function referenceInfeasibility(
  input: AssemblyInput,
  enumerate: (input: AssemblyInput) => EnumeratedSelection[],
): ExpectedInfeasibility | null {
  const { excludedVendorIds = [], minVendorRating, maxVendors, maxTotal } = input.constraints ?? {};
  const optional = new Set(input.components.filter((component) => component.optional).map((component) => component.id));
  const usable = input.offers.filter((offer) =>
    offer.componentIds.every((componentId) => input.includeOptional === true || !optional.has(componentId)),
  );
  const uncovered = (offers: AssemblyInput['offers']) =>
    input.components
      .filter((component) => !component.optional)
      .map((component) => component.id)
      .filter((componentId) => !offers.some((offer) => offer.componentIds.includes(componentId)));
  const selections = (constraints: AssemblyConstraints) => enumerate({ ...input, constraints });

  const missing = uncovered(usable);
  if (missing.length > 0) return { constraint: 'NO_OFFER_FOR_COMPONENT', componentIds: missing };
  if (selections({}).length === 0) return { constraint: 'NO_EXACT_COVER' };

  const withoutExcluded = usable.filter((offer) => !excludedVendorIds.includes(offer.vendorId));
  if (excludedVendorIds.length > 0) {
    const left = uncovered(withoutExcluded);
    if (left.length > 0) return { constraint: 'EXCLUDED_VENDORS', componentIds: left };
    if (selections({ excludedVendorIds }).length === 0) return { constraint: 'EXCLUDED_VENDORS' };
  }
  if (minVendorRating !== undefined) {
    const rated = withoutExcluded.filter(
      (offer) => offer.vendorRating !== null && offer.vendorRating >= minVendorRating,
    );
    const left = uncovered(rated);
    if (left.length > 0) return { constraint: 'MIN_RATING', componentIds: left };
    if (selections({ excludedVendorIds, minVendorRating }).length === 0) return { constraint: 'MIN_RATING' };
  }
  const vendorFiltered = selections({ excludedVendorIds, minVendorRating });
  if (maxVendors !== undefined) {
    const fewest = Math.min(
      ...vendorFiltered.map((selection) => new Set(selection.offerIds.map((id) => vendorOf(input, id))).size),
    );
    if (fewest > maxVendors) return { constraint: 'MAX_VENDORS', minimumVendors: fewest };
  }
  if (maxTotal !== undefined) {
    const cheapest = selections({ excludedVendorIds, minVendorRating, maxVendors })[0].total;
    if (cheapest > maxTotal) return { constraint: 'BUDGET', cheapestTotal: cheapest };
  }
  return null;
}

function vendorOf(input: AssemblyInput, offerId: string): string {
  return input.offers.find((offer) => offer.id === offerId)!.vendorId;
}

import type { AssemblyInput, AssemblyOffer } from './types';

/** Thrown for malformed input (duplicate ids, bad prices, ...); never for an infeasible request. */
export class AssemblyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssemblyInputError';
  }
}

export const DEFAULT_ALTERNATIVES = 3;
export const MAX_ALTERNATIVES = 9;
export const DEFAULT_TIME_LIMIT_MS = 2000;

/** An input offer with its components as indexes into `Problem.componentIds`. */
export interface PreparedOffer {
  id: string;
  vendorId: string;
  /** Component indexes, ascending, no duplicates. */
  components: number[];
  /** The component set as a string, e.g. "0,3": equal keys mean equal sets. */
  setKey: string;
  /** Dense index of the vendor within this problem, for fast grouping. */
  vendor: number;
  price: number;
  vendorRating: number | null;
  /** Position in `AssemblyInput.offers`, used to report offers in input order. */
  inputIndex: number;
}

export interface NormalizedConstraints {
  maxTotal: number | null;
  maxVendors: number | null;
  minVendorRating: number | null;
  excludedVendorIds: ReadonlySet<string>;
}

export interface Problem {
  componentIds: string[];
  /** Per component index: must be covered exactly once. */
  required: boolean[];
  requiredCount: number;
  /**
   * Offers that only touch usable components (required ones, plus optional ones when
   * `includeOptional`), before any constraint filtering.
   */
  offers: PreparedOffer[];
  /** Offers of the input that touch an optional component the individual did not ask for. */
  offersTouchingLeftOutComponents: number;
  constraints: NormalizedConstraints;
  /** The best selection plus the alternatives asked for. */
  selectionsWanted: number;
  timeLimitMs: number;
}

/** Orders offers by price, then id, so every "cheapest" choice in the library is deterministic. */
export function byPriceThenId(a: PreparedOffer, b: PreparedOffer): number {
  return a.price - b.price || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Validates the input and indexes it; throws `AssemblyInputError` on malformed data. */
export function prepareProblem(input: AssemblyInput): Problem {
  const componentIndex = new Map<string, number>();
  const required: boolean[] = [];
  input.components.forEach((component, index) => {
    if (componentIndex.has(component.id)) throw new AssemblyInputError(`duplicate component id ${component.id}`);
    componentIndex.set(component.id, index);
    required.push(component.optional !== true);
  });
  const usable = required.map((isRequired) => isRequired || input.includeOptional === true);

  const offerIds = new Set<string>();
  const vendorIndex = new Map<string, number>();
  const offers: PreparedOffer[] = [];
  let offersTouchingLeftOutComponents = 0;
  input.offers.forEach((offer, inputIndex) => {
    const components = validateOffer(offer, componentIndex, offerIds);
    if (components.some((component) => !usable[component])) {
      offersTouchingLeftOutComponents += 1;
      return;
    }
    let vendor = vendorIndex.get(offer.vendorId);
    if (vendor === undefined) {
      vendor = vendorIndex.size;
      vendorIndex.set(offer.vendorId, vendor);
    }
    offers.push({
      id: offer.id,
      vendorId: offer.vendorId,
      vendor,
      components,
      setKey: components.length === 1 ? String(components[0]) : components.join(','),
      price: offer.price,
      vendorRating: offer.vendorRating,
      inputIndex,
    });
  });

  const constraints = input.constraints ?? {};
  const { maxTotal, maxVendors, minVendorRating } = constraints;
  if (maxTotal !== undefined && !(Number.isSafeInteger(maxTotal) && maxTotal >= 0)) {
    throw new AssemblyInputError('constraints.maxTotal must be a non-negative safe integer');
  }
  if (maxVendors !== undefined && !(Number.isSafeInteger(maxVendors) && maxVendors >= 1)) {
    throw new AssemblyInputError('constraints.maxVendors must be a positive integer');
  }
  if (minVendorRating !== undefined && !Number.isFinite(minVendorRating)) {
    throw new AssemblyInputError('constraints.minVendorRating must be a finite number');
  }
  const alternatives = input.alternatives ?? DEFAULT_ALTERNATIVES;
  if (!Number.isInteger(alternatives) || alternatives < 0 || alternatives > MAX_ALTERNATIVES) {
    throw new AssemblyInputError(`alternatives must be an integer from 0 to ${MAX_ALTERNATIVES}`);
  }
  const timeLimitMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  if (!(timeLimitMs > 0)) throw new AssemblyInputError('timeLimitMs must be positive');

  return {
    componentIds: input.components.map((component) => component.id),
    required,
    requiredCount: required.filter(Boolean).length,
    offers,
    offersTouchingLeftOutComponents,
    constraints: {
      maxTotal: maxTotal ?? null,
      maxVendors: maxVendors ?? null,
      minVendorRating: minVendorRating ?? null,
      excludedVendorIds: new Set(constraints.excludedVendorIds ?? []),
    },
    selectionsWanted: 1 + alternatives,
    timeLimitMs,
  };
}

function validateOffer(offer: AssemblyOffer, componentIndex: Map<string, number>, seenIds: Set<string>): number[] {
  if (seenIds.has(offer.id)) throw new AssemblyInputError(`duplicate offer id ${offer.id}`);
  seenIds.add(offer.id);
  if (!Number.isSafeInteger(offer.price) || offer.price < 0) {
    throw new AssemblyInputError(`offer ${offer.id}: price must be a non-negative safe integer (minor units)`);
  }
  if (offer.componentIds.length === 0) throw new AssemblyInputError(`offer ${offer.id} covers no component`);
  const components: number[] = [];
  for (const componentId of offer.componentIds) {
    const index = componentIndex.get(componentId);
    if (index === undefined) throw new AssemblyInputError(`offer ${offer.id}: unknown component ${componentId}`);
    components.push(index);
  }
  if (components.length > 1) {
    components.sort((a, b) => a - b);
    for (let position = 1; position < components.length; position += 1) {
      if (components[position] === components[position - 1]) {
        throw new AssemblyInputError(`offer ${offer.id} lists a component twice`);
      }
    }
  }
  return components;
}

/** Which constraint filters to apply; the infeasibility diagnosis switches them on one by one. */
export interface VendorFilters {
  excludedVendors: boolean;
  minRating: boolean;
}

export const ALL_VENDOR_FILTERS: VendorFilters = { excludedVendors: true, minRating: true };

/**
 * Drops offers whose vendor is excluded or fails the minimum rating. A vendor with a null rating
 * fails any minimum: "not rated yet" is not evidence of meeting the bar the individual set.
 */
export function eligibleOffers(problem: Problem, filters: VendorFilters = ALL_VENDOR_FILTERS): PreparedOffer[] {
  const { excludedVendorIds, minVendorRating } = problem.constraints;
  return problem.offers.filter(
    (offer) =>
      !(filters.excludedVendors && excludedVendorIds.has(offer.vendorId)) &&
      !(filters.minRating && minVendorRating !== null && !meetsRating(offer.vendorRating, minVendorRating)),
  );
}

function meetsRating(rating: number | null, minimum: number): boolean {
  return rating !== null && rating >= minimum;
}

/** Required components that no offer in `offers` covers. */
export function uncoveredRequiredComponents(problem: Problem, offers: readonly PreparedOffer[]): number[] {
  const covered = new Array<boolean>(problem.componentIds.length).fill(false);
  for (const offer of offers) for (const component of offer.components) covered[component] = true;
  return problem.required.flatMap((isRequired, component) => (isRequired && !covered[component] ? [component] : []));
}

export function distinctVendorCount(offers: readonly PreparedOffer[]): number {
  return new Set(offers.map((offer) => offer.vendorId)).size;
}

export interface FoundSelection {
  offers: PreparedOffer[];
  /** Proven: no cheaper selection exists among those not returned before it. */
  proven: boolean;
}

export interface SearchResult {
  outcome: 'found' | 'infeasible' | 'stoppedWithoutSolution';
  /** Cheapest first; at most `wanted`. */
  selections: FoundSelection[];
  /** Offers the final search had to consider (bound not above the final threshold). */
  offersConsidered: number;
}

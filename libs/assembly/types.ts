/**
 * Public types of the solution-assembly library.
 *
 * Money is integer minor units held in `number` (callers convert from the bigint strings the
 * database stores); every amount must be a safe integer.
 */

/** One part of the individual's intent, e.g. "removals" or "cleaning". */
export interface AssemblyComponent {
  id: string;
  /**
   * Optional components are never required. When `AssemblyInput.includeOptional` is false (the
   * default) offers touching them are unusable; when true they may be covered at most once.
   */
  optional?: boolean;
}

/**
 * A vendor's priced offer. One component id makes a single offer; several make a bundle, which is
 * valid only if taken whole.
 */
export interface AssemblyOffer {
  id: string;
  vendorId: string;
  componentIds: string[];
  /** Minor units, a non-negative safe integer. */
  price: number;
  /** Null means "not rated yet": it fails any `minVendorRating` constraint. */
  vendorRating: number | null;
}

export interface AssemblyConstraints {
  /** Largest acceptable total, inclusive, in minor units. */
  maxTotal?: number;
  /** At most this many distinct vendors in a selection (a positive integer). */
  maxVendors?: number;
  /** Vendors rated below this, or not rated at all (null), are not used. */
  minVendorRating?: number;
  excludedVendorIds?: string[];
}

export interface AssemblyInput {
  components: AssemblyComponent[];
  offers: AssemblyOffer[];
  constraints?: AssemblyConstraints;
  /**
   * When true, optional components may be covered (at most once). The objective is the lowest
   * total, so they end up covered only when that costs nothing extra, typically through a bundle
   * that is cheaper than the singles it replaces. Default false: they are left out.
   */
  includeOptional?: boolean;
  /** Number of next-best distinct selections to return after the best, 0 to 3. Default 3. */
  alternatives?: number;
  /** Wall-clock budget for all solver calls of one `assemble` call. Default 2000 ms. */
  timeLimitMs?: number;
  /**
   * 'auto' (default): exact reduced-cost enumeration, falling back to the MILP when it would be
   * too large. 'milp': always the HiGHS MILP with no-good cuts. Both are exact.
   */
  engine?: 'auto' | 'milp';
}

export interface VendorShare {
  vendorId: string;
  offerIds: string[];
  subtotal: number;
}

export interface AssemblySolution {
  /** Chosen offer ids in input order. */
  offerIds: string[];
  total: number;
  /** One entry per vendor, ordered by subtotal descending then vendor id. */
  vendors: VendorShare[];
  /**
   * Reference total minus this total, where the reference is the sum, over the required
   * components, of the cheapest eligible single-component offer. Negative when the constraints
   * force a dearer selection; null when some required component has no eligible single offer.
   */
  saving: number | null;
  /**
   * True when the solver proved this selection the cheapest among those not yet returned
   * (for the best solution: the cheapest overall).
   */
  provenOptimal: boolean;
}

/** Which constraint makes an assembly impossible; see `diagnoseInfeasibility`. */
export type InfeasibleConstraint =
  /** Some required component has no offer at all (before any constraint). */
  | 'NO_OFFER_FOR_COMPONENT'
  /** Every component has offers, but no combination covers each required one exactly once. */
  | 'NO_EXACT_COVER'
  | 'EXCLUDED_VENDORS'
  | 'MIN_RATING'
  | 'MAX_VENDORS'
  | 'BUDGET';

export interface Infeasibility {
  constraint: InfeasibleConstraint;
  message: string;
  /** Required components left without any usable offer, when that is the cause. */
  componentIds?: string[];
  /** For MAX_VENDORS: the fewest vendors any exact cover needs under the earlier constraints. */
  minimumVendors?: number;
  /** For BUDGET: the cheapest total under all the other constraints. */
  cheapestTotal?: number;
}

export interface AssemblyStats {
  offersIn: number;
  /** Offers left after eligibility filtering (exclusions, rating, left-out optional components) and domination removal. */
  offersAfterDomination: number;
  /**
   * Offers the final search had to consider: the above minus those whose LP lower bound exceeds
   * the k-th best total (for the MILP engine, its model's columns).
   */
  offersAfterReduction: number;
  /** Wall-clock time spent building and solving the models, including the diagnosis. */
  solveMs: number;
}

export type AssemblyStatus =
  /** The first solution is proven cheapest. */
  | 'optimal'
  /** A solution was found but the time limit stopped the proof. */
  | 'feasible'
  /** No selection satisfies the constraints; `infeasibility` says why. */
  | 'infeasible'
  /** The time limit struck before any feasible selection was found or infeasibility proven. */
  | 'unknown';

export interface AssemblyResult {
  status: AssemblyStatus;
  /** Best first, then the next-best distinct selections by total ascending. */
  solutions: AssemblySolution[];
  infeasibility?: Infeasibility;
  stats: AssemblyStats;
}

// The solution assembly state an intent carries: its constraints, the last outcome, what changed.

/** What the individual asks of an assembled solution, stored on the intent. */
export interface SolutionConstraints {
  maxVendors?: number | null;
  minVendorRating?: number | null;
  excludedVendorIds?: string[] | null;
}

export enum AssemblyState {
  /** Something assembly reads changed; a recomputation is queued. */
  PENDING = 'pending',
  OPTIMAL = 'optimal',
  /** The solver's time limit stopped the proof: the best found is shown, marked not proven optimal. */
  FEASIBLE = 'feasible',
  INFEASIBLE = 'infeasible',
  /** No offers yet, or the intent is not open. */
  NONE = 'none',
  FAILED = 'failed',
}

export interface AssemblyOutcome {
  state: AssemblyState;
  /** Which constraint makes it infeasible, and a sentence for people. */
  infeasibility?: { constraint: string; message: string; componentIds?: string[] } | null;
  computedAt: string;
  solveMs?: number;
  /**
   * Version of the stored solutions: +1 each time a recomputation stores different solutions or a
   * different outcome. acceptSolution compares it with the one the client saw. Absent on rows stored
   * before it existed (read as 0).
   */
  version?: number;
}

/** What changed an intent's assembly inputs, kept with the request so a refused accept can say so. */
export enum AssemblyChangeKind {
  BUDGET = 'budget',
  COMPONENTS = 'components',
  CONSTRAINTS = 'constraints',
  OFFER_MADE = 'offer-made',
  OFFER_REVISED = 'offer-revised',
  OFFER_WITHDRAWN = 'offer-withdrawn',
  OFFER_EXPIRED = 'offer-expired',
  VENDOR_RATING = 'vendor-rating',
  INTENT_CLOSED = 'intent-closed',
}

/** Ids only: the sentence is written when it is shown (see describeAssemblyChange). */
export interface AssemblyChange {
  kind: AssemblyChangeKind;
  vendorId?: string;
  offerId?: string;
}

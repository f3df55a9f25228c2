/** What the individual asks of an assembled solution, stored on the intent. */
export interface SolutionConstraints {
  maxVendors?: number | null;
  minVendorRating?: number | null;
  excludedVendorIds?: string[] | null;
}

export enum AssemblyState {
  /** Offers changed; a new assembly is queued. */
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
}

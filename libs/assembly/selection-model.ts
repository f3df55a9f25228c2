import loadHighs, { type Highs, type Model } from 'highs';
import type { PreparedOffer } from './problem';

/**
 * The set-partitioning MILP, solved with HiGHS (WebAssembly):
 *   minimise   sum price(o) x_o                    (or sum y_v for 'vendorCount')
 *   subject to sum x_o over o covering c  = 1       for each required component c
 *              sum x_o over o covering c <= 1       for each optional component in play
 *              sum x_o over v's offers covering c <= y_v   for each (vendor v, component c)
 *              sum y_v <= maxVendors
 *              sum price(o) x_o <= maxTotal
 *              sum x_o over o in S - sum x_o over o not in S <= |S| - 1   for each excluded
 *                                                  earlier selection S (no-good cut, see `exclude`)
 *   x, y binary.
 * Linking per (vendor, component) rather than per offer keeps one row per pair and is as tight:
 * at most one offer covers a component, so each row's left side is already 0 or 1.
 */

let highsInstance: Promise<Highs> | undefined;

/** Loads the WebAssembly solver once per process; later calls reuse the instance. */
export function loadSolver(): Promise<Highs> {
  highsInstance ??= loadHighs().catch((error: unknown) => {
    highsInstance = undefined;
    throw error;
  });
  return highsInstance;
}

export interface SelectionModelSpec {
  offers: readonly PreparedOffer[];
  required: readonly boolean[];
  maxVendors: number | null;
  maxTotal: number | null;
  objective: 'total' | 'vendorCount';
}

export type SolveStatus = 'optimal' | 'stoppedWithSolution' | 'infeasible' | 'stoppedWithoutSolution';

export interface SolveOutcome {
  status: SolveStatus;
  /** Indexes into `spec.offers` of the selection found, empty when none. */
  selection: number[];
}

const MODEL_STATUS_EMPTY = 6;
const MODEL_STATUS_OPTIMAL = 7;
const MODEL_STATUS_INFEASIBLE = 8;
const MODEL_STATUS_INFEASIBLE_OR_UNBOUNDED = 9;
const MODEL_STATUS_TIME_LIMIT = 13;
const MODEL_STATUS_INTERRUPTED = 17;
const PRIMAL_SOLUTION_FEASIBLE = 2;

/** One persistent HiGHS model; add no-good cuts and re-solve. Call `dispose()` when done. */
export class SelectionModel {
  private readonly model: Model;
  private cuts = 0;

  constructor(
    highs: Highs,
    private readonly spec: SelectionModelSpec,
  ) {
    this.model = highs.createModel();
    try {
      this.model.options.set({ output_flag: false, mip_rel_gap: 0 });
      this.model.passModel(buildModelData(highs, spec));
    } catch (error) {
      this.model.dispose();
      throw error;
    }
  }

  /**
   * Solves until proven optimal or `deadline` (a `performance.now()` instant) passes.
   *
   * An infeasibility verdict is never taken from one run: HiGHS's MIP presolve (1.15) has called
   * feasible exact-cover models infeasible, and failed on others with a solve error, where the same
   * model without presolve solves at once (`selection-model.spec.ts` keeps such models). So when a
   * run with presolve says infeasible or fails, the model is solved again with presolve off, and
   * that run's outcome stands (an error from it is thrown). Infeasible outcomes are rare on the
   * main path (the enumeration settles most requests), so the second run costs little.
   */
  solve(deadline: number): SolveOutcome {
    let outcome: SolveOutcome | undefined;
    try {
      outcome = this.run(deadline);
    } catch {
      outcome = undefined;
    }
    if (outcome && outcome.status !== 'infeasible') return outcome;
    this.model.options.set('presolve', 'off');
    try {
      return this.run(deadline);
    } finally {
      this.model.options.set('presolve', 'choose');
    }
  }

  private run(deadline: number): SolveOutcome {
    const remainingSeconds = Math.max(0.001, (deadline - performance.now()) / 1000);
    this.model.zeroAllClocks();
    this.model.options.set('time_limit', remainingSeconds);
    const { modelStatus } = this.model.run();
    // No columns (HiGHS may then call the model empty): the empty selection is the only candidate,
    // feasible when nothing is required and it has not been cut off yet.
    if (modelStatus === MODEL_STATUS_EMPTY || this.spec.offers.length === 0) {
      const emptyFeasible = !this.spec.required.includes(true) && this.cuts === 0;
      return emptyFeasible ? { status: 'optimal', selection: [] } : { status: 'infeasible', selection: [] };
    }
    if (modelStatus === MODEL_STATUS_INFEASIBLE || modelStatus === MODEL_STATUS_INFEASIBLE_OR_UNBOUNDED) {
      return { status: 'infeasible', selection: [] };
    }
    if (
      modelStatus !== MODEL_STATUS_OPTIMAL &&
      modelStatus !== MODEL_STATUS_TIME_LIMIT &&
      modelStatus !== MODEL_STATUS_INTERRUPTED
    ) {
      throw new Error(`HiGHS stopped with model status ${modelStatus}`);
    }
    if (this.model.info.get('primal_solution_status') !== PRIMAL_SOLUTION_FEASIBLE) {
      return { status: 'stoppedWithoutSolution', selection: [] };
    }
    const values = this.model.getSolution().colValue;
    const selection: number[] = [];
    for (let index = 0; index < this.spec.offers.length; index += 1) if (values[index] > 0.5) selection.push(index);
    return { status: modelStatus === MODEL_STATUS_OPTIMAL ? 'optimal' : 'stoppedWithSolution', selection };
  }

  /**
   * No-good cut: forbids exactly this set S of offers (indexes into `spec.offers`) from now on:
   *   sum over S of x - sum over the others of x <= |S| - 1.
   * When every component is required, no selection strictly contains another (it would cover a
   * component twice), so the shorter sum over S alone is enough.
   */
  exclude(selection: readonly number[]): void {
    this.cuts += 1;
    const chosen = new Set(selection);
    const columns = this.spec.required.every(Boolean) ? [...selection] : this.spec.offers.map((_, index) => index);
    this.model.addRow(-Infinity, selection.length - 1, {
      indices: Int32Array.from(columns),
      values: Float64Array.from(columns, (column) => (chosen.has(column) ? 1 : -1)),
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}

function buildModelData(highs: Highs, spec: SelectionModelSpec): Parameters<Model['passModel']>[0] {
  const { offers, required, maxVendors, maxTotal, objective } = spec;
  const withVendorColumns = maxVendors !== null || objective === 'vendorCount';
  const vendorColumn = new Map<string, number>();
  if (withVendorColumns) {
    for (const offer of offers) {
      if (!vendorColumn.has(offer.vendorId)) vendorColumn.set(offer.vendorId, offers.length + vendorColumn.size);
    }
  }
  const columnCount = offers.length + vendorColumn.size;

  const rows: { lower: number; upper: number; columns: number[]; values: number[] }[] = [];
  const componentRows = required.map((isRequired) => ({
    lower: isRequired ? 1 : -Infinity,
    upper: 1,
    columns: [] as number[],
    values: [] as number[],
  }));
  const linkRows = new Map<string, { lower: number; upper: number; columns: number[]; values: number[] }>();
  offers.forEach((offer, column) => {
    for (const component of offer.components) {
      componentRows[component].columns.push(column);
      componentRows[component].values.push(1);
      if (!withVendorColumns) continue;
      const key = `${offer.vendorId}|${component}`;
      let link = linkRows.get(key);
      if (!link) {
        link = { lower: -Infinity, upper: 0, columns: [vendorColumn.get(offer.vendorId)!], values: [-1] };
        linkRows.set(key, link);
      }
      link.columns.push(column);
      link.values.push(1);
    }
  });
  componentRows.forEach((row, component) => {
    if (required[component] || row.columns.length > 1) rows.push(row);
  });
  rows.push(...linkRows.values());
  if (maxVendors !== null) {
    const columns = [...vendorColumn.values()];
    rows.push({ lower: -Infinity, upper: maxVendors, columns, values: columns.map(() => 1) });
  }
  if (maxTotal !== null) {
    rows.push({
      lower: -Infinity,
      upper: maxTotal,
      columns: offers.map((_, column) => column),
      values: offers.map((offer) => offer.price),
    });
  }

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    indices.push(...row.columns);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const colCost = new Float64Array(columnCount);
  offers.forEach((offer, column) => (colCost[column] = objective === 'total' ? offer.price : 0));
  if (objective === 'vendorCount') for (const column of vendorColumn.values()) colCost[column] = 1;

  return {
    numCols: columnCount,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.minimize,
    colCost,
    colLower: new Float64Array(columnCount),
    colUpper: new Float64Array(columnCount).fill(1),
    rowLower: Float64Array.from(rows, (row) => row.lower),
    rowUpper: Float64Array.from(rows, (row) => row.upper),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: columnCount,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    integrality: new Int32Array(columnCount).fill(highs.constants.variableType.integer),
  };
}

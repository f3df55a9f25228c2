import type { Highs } from 'highs';
import type { PreparedOffer } from './problem';

/**
 * LP-duality bounds behind both search engines.
 *
 * Component prices `dual[c]` (zero for optional components) are chosen so that no offer costs
 * less than the sum of its required components' prices: the reduced cost
 *   reducedCost(o) = price(o) - sum of dual[c] over o's required components   is >= 0.
 * Every selection covers each required component exactly once, so for any selection S
 *   total(S) = floor + sum over o in S of reducedCost(o),   floor = sum of the duals.
 * Hence total(S) >= floor + reducedCost(o) for every o in S, and a search in reduced-cost space
 * that has a k-th best total U only needs offers with reducedCost <= U - floor. The duals of the
 * LP relaxation make `floor` as high as possible (typically within 0.5-2% of the optimum here).
 */
export interface ReducedCosts {
  /** Per offer, same order as the input array, never negative. */
  reduced: Float64Array;
  /** A lower bound on every selection's total. */
  floor: number;
}

export function reducedCosts(
  offers: readonly PreparedOffer[],
  dual: Float64Array,
  required: readonly boolean[],
): ReducedCosts {
  const raw = offers.map((offer) => {
    let cost = offer.price;
    for (const component of offer.components) if (required[component]) cost -= dual[component];
    return cost;
  });
  // Floating-point duals may leave tiny negative reduced costs. A selection has at most one offer
  // per component, so lowering the floor by the worst of them per component keeps it a bound.
  const worstNegative = raw.reduce((worst, cost) => Math.max(worst, -cost), 0);
  const floor =
    required.reduce((sum, isRequired, component) => (isRequired ? sum + dual[component] : sum), 0) -
    worstNegative * required.length;
  return { reduced: Float64Array.from(raw, (cost) => Math.max(0, cost)), floor };
}

const LP_OPTIMAL = 7;

/**
 * Component prices from the LP relaxation, solved by HiGHS: each required component covered
 * exactly once, one column per distinct required part (its cheapest offer; dearer ones never
 * matter to the LP). If that LP is infeasible, the covering relaxation (at least once) still has
 * valid, if weaker, duals; if both fail, `ascentDuals`.
 */
export function componentDuals(
  highs: Highs,
  offers: readonly PreparedOffer[],
  required: readonly boolean[],
): LpRelaxation {
  if (!required.includes(true)) return { dual: new Float64Array(required.length), values: new Map() };
  const cheapestByPart = new Map<string, LpColumn>();
  for (const offer of offers) {
    const components = offer.components.filter((component) => required[component]);
    if (components.length === 0) continue;
    const key = components.join(',');
    const known = cheapestByPart.get(key);
    if (!known || offer.price < known.offer.price) cheapestByPart.set(key, { components, offer });
  }
  const columns = [...cheapestByPart.values()];
  return (
    relaxationDuals(highs, columns, required, 'partition') ??
    relaxationDuals(highs, columns, required, 'cover') ?? { dual: ascentDuals(offers, required), values: new Map() }
  );
}

export interface LpRelaxation {
  /** Component prices (duals), zero for optional components. */
  dual: Float64Array;
  /** The LP's primal solution: value per offer (each column's cheapest offer), when it was solved. */
  values: Map<PreparedOffer, number>;
}

interface LpColumn {
  /** Required components only. */
  components: number[];
  offer: PreparedOffer;
}

function relaxationDuals(
  highs: Highs,
  columns: readonly LpColumn[],
  required: readonly boolean[],
  rows: 'partition' | 'cover',
): LpRelaxation | null {
  const starts = [0];
  const indices: number[] = [];
  for (const column of columns) {
    indices.push(...column.components);
    starts.push(indices.length);
  }
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    model.passModel({
      numCols: columns.length,
      numRows: required.length,
      colCost: Float64Array.from(columns, (column) => column.offer.price),
      colLower: new Float64Array(columns.length),
      colUpper: new Float64Array(columns.length).fill(Infinity),
      rowLower: Float64Array.from(required, (isRequired) => (isRequired ? 1 : -Infinity)),
      rowUpper: Float64Array.from(required, (isRequired) => (isRequired && rows === 'partition' ? 1 : Infinity)),
      matrix: {
        format: 'csc',
        numRows: required.length,
        numCols: columns.length,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: new Float64Array(indices.length).fill(1),
      },
    });
    // Any other outcome, a solver error included, just means weaker duals from the fallbacks: the
    // bounds stay valid whatever duals they are built from (see `reducedCosts`).
    let status: number;
    try {
      status = model.run().modelStatus;
    } catch {
      return null;
    }
    if (status !== LP_OPTIMAL) return null;
    const solution = model.getSolution();
    const dual = Float64Array.from(solution.rowDual);
    required.forEach((isRequired, component) => {
      if (!isRequired || !Number.isFinite(dual[component])) dual[component] = 0;
    });
    const values = new Map<PreparedOffer, number>();
    columns.forEach((column, index) => {
      if (solution.colValue[index] > 1e-6) values.set(column.offer, solution.colValue[index]);
    });
    return { dual, values };
  } finally {
    model.dispose();
  }
}

/**
 * Dual-feasible component prices without an LP solver (weaker): start from each component's
 * cheapest per-component share of an offer, then raise each price to the slack its tightest
 * offer allows until nothing moves.
 */
export function ascentDuals(offers: readonly PreparedOffer[], required: readonly boolean[]): Float64Array {
  const dual = new Float64Array(required.length).fill(Infinity);
  const offersByComponent: PreparedOffer[][] = required.map(() => []);
  for (const offer of offers) {
    const requiredCount = offer.components.filter((component) => required[component]).length;
    for (const component of offer.components) {
      if (!required[component]) continue;
      offersByComponent[component].push(offer);
      dual[component] = Math.min(dual[component], offer.price / requiredCount);
    }
  }
  required.forEach((isRequired, component) => {
    if (!isRequired || dual[component] === Infinity) dual[component] = 0;
  });
  const slackOf = (offer: PreparedOffer) =>
    offer.components.reduce((slack, component) => (required[component] ? slack - dual[component] : slack), offer.price);
  for (let pass = 0; pass < 5; pass += 1) {
    let raised = false;
    required.forEach((isRequired, component) => {
      if (!isRequired) return;
      const slack = offersByComponent[component].reduce((least, offer) => Math.min(least, slackOf(offer)), Infinity);
      if (slack > 1e-9 && slack !== Infinity) {
        dual[component] += slack;
        raised = true;
      }
    });
    if (!raised) break;
  }
  return dual;
}

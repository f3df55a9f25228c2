import { componentLists, offerShares, priceOpenComponents, searchCovers, type CoverSearchStatus } from './cover-search';
import type { PreparedOffer } from './problem';
import type { TopSelections } from './top-selections';

/**
 * Exact search under a binding max-vendors limit m: every selection uses at most m vendors, so it
 * lies within some vendor set V of exactly m vendors. Bound the sets, then search the covers within
 * the most promising ones first (cover-search.ts, restricted to V's offers) and stop once the next
 * set's bound exceeds the k-th best total. Selections found under several sets count once.
 *
 * Bounds per set, in reduced-cost space (see bounds.ts), over the offers whose own bound is
 * within the current threshold; a selection covers each required component c exactly once, so its
 * reduced costs can be charged to the components it covers:
 * - Quick, for every set: charge a single's reduced cost to its component, and split a bundle's
 *   over its components in proportion to its vendor's own single prices for them (h below). With
 *   q_v(c) the least charge any offer of v puts on c,
 *     LBq(V) = floor + sum over c of min over v in V of q_v(c).
 * - Finer, only for sets about to be searched: let h_v(c) be v's cheapest single for c (reduced
 *   cost), a cap (the dearest single anyone has for c) where v covers c only in bundles, infinity
 *   where v cannot cover c; g(c) = min over v in V of h_v(c). Singles pay at least g(c), so
 *     sum of reduced costs >= sum over c of g(c) - sum over bundles b used of saving(b),
 *     saving(b) = sum over b's required components of g(c) - reducedCost(b).
 *   Bundles used are pairwise disjoint, so with P(V) the best total saving of disjoint bundles
 *   of V (found by a small exhaustive packing search),
 *     LBg(V) = floor + sum over c of g(c) - P(V),
 *   which is V's exact cheapest total when V has a single for every component.
 * - Last, the cover search's own root bound (share prices raised by dual ascent).
 * All are infinite when V cannot cover some component.
 */
export interface VendorSetSearchInput {
  offers: readonly PreparedOffer[];
  reduced: Float64Array;
  floor: number;
  required: readonly boolean[];
  maxVendors: number;
  maxTotal: number | null;
  deadline: number;
  nodeLimit: number;
}

/** Steps (sets x components) the bounding may take before the caller falls back to the MILP. */
const SET_BOUNDING_BUDGET = 10_000_000;
/** Greedily built vendor sets searched first, to tighten the threshold... */
const GREEDY_STARTS = 2;
/** ...each for at most this many nodes (they are searched fully later if still promising). */
const SEED_NODE_CAP = 800;
/** ...and only for selections within these fractions above the set's bound LBg, in turn. */
const SEED_CEILING_MARGINS = [0.01, 0.05, Infinity];
/** Local search around the greedy sets: vendors considered for a swap, and rounds of swaps. */
const SWAP_CANDIDATES = 24;
const SWAP_ROUNDS = 3;

/**
 * Adds the cheapest selections to `best`. Returns null when bounding the vendor sets would take
 * too long (the caller then uses the MILP), else how the search ended.
 */
export function searchVendorSets(
  input: VendorSetSearchInput,
  best: TopSelections,
): { status: CoverSearchStatus } | null {
  const above = (bound: number) => bound > best.threshold() + 1e-6 * Math.max(1, best.threshold());
  const layout = vendorLayout(input);
  const shares = offerShares(input.offers, input.reduced, input.required);
  // Per vendor, per component: its offers by reduced cost, built on first use, shared by every set.
  const vendorLists: (number[][] | undefined)[] = [];
  const listsOfVendor = (vendor: number) =>
    (vendorLists[vendor] ??= componentLists(
      input.offers,
      input.reduced,
      input.required.length,
      layout.vendorOffers[vendor],
    ));
  let nodesLeft = input.nodeLimit;
  const searched = new Set<string>();
  const price = new Float64Array(input.required.length);
  const requiredComponents = input.required.flatMap((isRequired, component) => (isRequired ? [component] : []));
  const setLists = (vendors: readonly number[]) =>
    input.required.map((_, component) => vendors.map((vendor) => listsOfVendor(vendor)[component]));
  /**
   * Searches the covers within the set. A seed search (below `ceiling`, at most `nodeCap` nodes)
   * may be partial, so it does not count as searched.
   */
  const searchWithin = (vendors: readonly number[], seed?: { nodeCap: number; ceiling: number }): CoverSearchStatus => {
    const lists = setLists(vendors);
    const budget = best.threshold() + 1e-6 * Math.max(1, best.threshold()) - input.floor;
    const root = priceOpenComponents({
      requiredComponents,
      open: () => true,
      listsOf: (component) => lists[component],
      fits: (index) => input.maxTotal === null || input.offers[index].price <= input.maxTotal,
      budget,
      reduced: input.reduced,
      share: shares,
      offers: input.offers,
      price,
    });
    if (root.bound > budget) {
      searched.add(setKey(vendors));
      return 'complete';
    }
    const { status, nodes } = searchCovers(
      {
        ...input,
        lists,
        shares,
        maxVendors: null,
        nodeLimit: Math.min(nodesLeft, seed?.nodeCap ?? Infinity),
        ceiling: seed?.ceiling,
      },
      best,
    );
    nodesLeft -= nodes;
    if (status === 'complete' && !seed) searched.add(setKey(vendors));
    return status === 'nodeLimit' && nodesLeft > 0 ? 'complete' : status;
  };

  // Good sets first, partially, so that the threshold screening all the others is already tight:
  // greedy sets improved by swapping vendors while LBg (nearly a set's exact cost) drops.
  const seedTables = chargeTables(input, layout, best.threshold());
  const seeds = greedyVendorSets(seedTables, input.maxVendors, GREEDY_STARTS).map((start) =>
    improveBySwaps(seedTables, start, input.floor),
  );
  seeds.sort((a, b) => a.bound - b.bound);
  // Near each seed's bound first (quick when it is tight), wider while k selections are missing.
  for (const margin of SEED_CEILING_MARGINS) {
    if (best.size >= best.wanted) break;
    for (const { vendors, bound } of seeds) {
      if (searched.has(setKey(vendors))) continue;
      const status = searchWithin(vendors, { nodeCap: SEED_NODE_CAP, ceiling: bound * (1 + margin) });
      if (status !== 'complete') return { status };
    }
  }
  const tables = chargeTables(input, layout, best.threshold());
  const sets = promisingSets(tables, input.maxVendors, input.floor, best.threshold());
  if (!sets) return null;
  sets.sort((a, b) => a.bound - b.bound);
  for (const { vendors, bound } of sets) {
    if (above(bound)) break;
    if (searched.has(setKey(vendors)) || above(shareSetBound(tables, vendors, input.floor))) continue;
    if (above(fineSetBound(tables, vendors, input.floor))) continue;
    const status = searchWithin(vendors);
    if (status !== 'complete') return { status };
  }
  return { status: 'complete' };
}

function setKey(vendors: readonly number[]): string {
  return [...vendors].sort((a, b) => a - b).join(',');
}

interface VendorLayout {
  /** Offer indexes per vendor index. */
  vendorOffers: number[][];
  /** Per offer: the slots (positions among required components) it covers. */
  offerSlots: Int32Array[];
  /** Number of required components. */
  width: number;
}

function vendorLayout(input: VendorSetSearchInput): VendorLayout {
  const vendorIndex = new Map<string, number>();
  const vendorOffers: number[][] = [];
  input.offers.forEach((offer, index) => {
    let vendor = vendorIndex.get(offer.vendorId);
    if (vendor === undefined) {
      vendor = vendorOffers.length;
      vendorIndex.set(offer.vendorId, vendor);
      vendorOffers.push([]);
    }
    vendorOffers[vendor].push(index);
  });
  const slotOf = new Int32Array(input.required.length).fill(-1);
  let width = 0;
  input.required.forEach((isRequired, component) => {
    if (isRequired) slotOf[component] = width++;
  });
  const offerSlots = input.offers.map((offer) =>
    Int32Array.from(
      offer.components.filter((component) => slotOf[component] >= 0),
      (component) => slotOf[component],
    ),
  );
  return { vendorOffers, offerSlots, width };
}

interface ChargeTables {
  layout: VendorLayout;
  /** h_v(c) of the header comment, at [vendor * width + slot]. */
  ownSingle: Float64Array;
  /** q_v(c) of the header comment, at [vendor * width + slot]. */
  leastCharge: Float64Array;
  /** Like leastCharge, with every bundle split evenly: the cover search's own root bound. */
  leastShare: Float64Array;
  /** Per vendor: its multi-component offers, as required slots and reduced cost. */
  bundles: { slots: Int32Array; reduced: number }[][];
  /** Reused buffers of `width` entries for the set bounds. */
  scratch: { g: Float64Array; used: Uint8Array };
}

/** Tables over the offers whose bound (floor + reduced cost) is within `threshold`. */
function chargeTables(input: VendorSetSearchInput, layout: VendorLayout, threshold: number): ChargeTables {
  const { offers, reduced, floor } = input;
  const { vendorOffers, offerSlots, width } = layout;
  const limit = threshold + 1e-6 * Math.max(1, Math.abs(threshold));
  const usable = (index: number) => floor + reduced[index] <= limit;
  const isSingle = (index: number) => offers[index].components.length === 1 && offerSlots[index].length === 1;

  const dearestSingle = new Float64Array(width);
  for (let index = 0; index < offers.length; index += 1) {
    if (usable(index) && isSingle(index)) {
      const slot = offerSlots[index][0];
      dearestSingle[slot] = Math.max(dearestSingle[slot], reduced[index]);
    }
  }
  const ownSingle = new Float64Array(vendorOffers.length * width).fill(Infinity);
  const leastCharge = new Float64Array(vendorOffers.length * width).fill(Infinity);
  const leastShare = new Float64Array(vendorOffers.length * width).fill(Infinity);
  const bundles = vendorOffers.map((indexes, vendor) => {
    const row = vendor * width;
    const own: { slots: Int32Array; reduced: number }[] = [];
    for (const index of indexes) {
      if (!usable(index)) continue;
      if (isSingle(index)) {
        const cell = row + offerSlots[index][0];
        ownSingle[cell] = Math.min(ownSingle[cell], reduced[index]);
        leastCharge[cell] = Math.min(leastCharge[cell], reduced[index]);
        leastShare[cell] = Math.min(leastShare[cell], reduced[index]);
      } else if (offerSlots[index].length > 0) {
        own.push({ slots: offerSlots[index], reduced: reduced[index] });
        for (const slot of offerSlots[index]) {
          leastShare[row + slot] = Math.min(leastShare[row + slot], reduced[index] / offerSlots[index].length);
        }
      }
    }
    for (const bundle of own) {
      for (const slot of bundle.slots)
        if (ownSingle[row + slot] === Infinity) ownSingle[row + slot] = dearestSingle[slot];
    }
    for (const bundle of own) {
      let weightSum = 0;
      for (const slot of bundle.slots) weightSum += ownSingle[row + slot];
      for (const slot of bundle.slots) {
        const charge =
          weightSum > 0 ? (bundle.reduced * ownSingle[row + slot]) / weightSum : bundle.reduced / bundle.slots.length;
        leastCharge[row + slot] = Math.min(leastCharge[row + slot], charge);
      }
    }
    return own;
  });
  return {
    layout,
    ownSingle,
    leastCharge,
    leastShare,
    bundles,
    scratch: { g: new Float64Array(width), used: new Uint8Array(width) },
  };
}

/**
 * Heuristic sets: from each of the `starts` vendors with the lowest total charge, repeatedly add
 * the vendor that lowers the summed per-component least charge most.
 */
function greedyVendorSets(tables: ChargeTables, setSize: number, starts: number): number[][] {
  const { leastCharge } = tables;
  const { width } = tables.layout;
  const vendorCount = tables.layout.vendorOffers.length;
  // Capped so that a vendor missing a component still compares by the rest.
  const chargeSum = (minima: Float64Array, vendor: number) => {
    let sum = 0;
    for (let slot = 0; slot < width; slot += 1) sum += Math.min(minima[slot], leastCharge[vendor * width + slot], 1e12);
    return sum;
  };
  const unset = new Float64Array(width).fill(Infinity);
  const firsts = Array.from({ length: vendorCount }, (_, vendor) => vendor)
    .sort((a, b) => chargeSum(unset, a) - chargeSum(unset, b))
    .slice(0, starts);
  return firsts.map((first) => {
    const set = [first];
    const minima = leastCharge.slice(first * width, (first + 1) * width);
    while (set.length < setSize) {
      let bestVendor = -1;
      let bestSum = Infinity;
      for (let vendor = 0; vendor < vendorCount; vendor += 1) {
        if (set.includes(vendor)) continue;
        const sum = chargeSum(minima, vendor);
        if (sum < bestSum) {
          bestSum = sum;
          bestVendor = vendor;
        }
      }
      set.push(bestVendor);
      for (let slot = 0; slot < width; slot += 1)
        minima[slot] = Math.min(minima[slot], leastCharge[bestVendor * width + slot]);
    }
    return set;
  });
}

/**
 * Local search: swap one vendor of the set for one of the most promising others (lowest summed
 * charges) while that lowers LBg; returns the local optimum.
 */
function improveBySwaps(tables: ChargeTables, start: number[], floor: number): { vendors: number[]; bound: number } {
  const { leastCharge } = tables;
  const { width } = tables.layout;
  const vendorCount = tables.layout.vendorOffers.length;
  const score = (vendor: number) => {
    let sum = 0;
    for (let slot = 0; slot < width; slot += 1) sum += Math.min(leastCharge[vendor * width + slot], 1e12);
    return sum;
  };
  const candidates = Array.from({ length: vendorCount }, (_, vendor) => vendor)
    .sort((a, b) => score(a) - score(b))
    .slice(0, SWAP_CANDIDATES);
  let vendors = [...start];
  let bound = fineSetBound(tables, vendors, floor);
  for (let round = 0; round < SWAP_ROUNDS; round += 1) {
    let bestSwap: number[] | null = null;
    for (let position = 0; position < vendors.length; position += 1) {
      for (const candidate of candidates) {
        if (vendors.includes(candidate)) continue;
        const trial = vendors.map((vendor, index) => (index === position ? candidate : vendor));
        const trialBound = fineSetBound(tables, trial, floor);
        if (trialBound < bound - 1e-9) {
          bound = trialBound;
          bestSwap = trial;
        }
      }
    }
    if (!bestSwap) break;
    vendors = bestSwap;
  }
  return { vendors, bound };
}

/**
 * Every set of `setSize` vendors whose quick bound LBq is within `threshold`, with that bound.
 * Enumerates combinations of vendors ordered by their own charges, cutting a branch when even the
 * cheapest remaining vendors per component cannot bring the bound within the threshold. Null when
 * that would take more than SET_BOUNDING_BUDGET steps.
 */
function promisingSets(
  tables: ChargeTables,
  setSize: number,
  floor: number,
  threshold: number,
): { vendors: number[]; bound: number }[] | null {
  const { leastCharge } = tables;
  const { width } = tables.layout;
  const vendorCount = tables.layout.vendorOffers.length;
  const limit = threshold + 1e-6 * Math.max(1, Math.abs(threshold));
  const soloScore = new Float64Array(vendorCount);
  for (let vendor = 0; vendor < vendorCount; vendor += 1) {
    for (let slot = 0; slot < width; slot += 1) soloScore[vendor] += Math.min(leastCharge[vendor * width + slot], 1e12);
  }
  const order = Array.from({ length: vendorCount }, (_, vendor) => vendor).sort((a, b) => soloScore[a] - soloScore[b]);
  // suffixMin[p * width + slot]: least charge at slot over the vendors at positions >= p.
  const suffixMin = new Float64Array((vendorCount + 1) * width).fill(Infinity);
  for (let position = vendorCount - 1; position >= 0; position -= 1) {
    const row = order[position] * width;
    for (let slot = 0; slot < width; slot += 1) {
      suffixMin[position * width + slot] = Math.min(suffixMin[(position + 1) * width + slot], leastCharge[row + slot]);
    }
  }

  const sets: { vendors: number[]; bound: number }[] = [];
  const minima = Array.from({ length: setSize }, () => new Float64Array(width).fill(Infinity));
  const chosen: number[] = [];
  let steps = 0;
  const visit = (depth: number, from: number): boolean => {
    const partial = minima[depth];
    const last = depth === setSize - 1;
    for (let position = from; position <= vendorCount - (setSize - depth); position += 1) {
      steps += width;
      if (steps > SET_BOUNDING_BUDGET) return false;
      const row = order[position] * width;
      if (last) {
        // Charges are never negative, so the sum can stop as soon as it is over the limit.
        let bound = floor;
        for (let slot = 0; slot < width && bound <= limit; slot += 1)
          bound += Math.min(partial[slot], leastCharge[row + slot]);
        if (bound <= limit) sets.push({ vendors: [...chosen, order[position]], bound });
        continue;
      }
      let optimistic = floor;
      for (let slot = 0; slot < width; slot += 1)
        optimistic += Math.min(partial[slot], suffixMin[position * width + slot]);
      // Positions are visited in order, so the suffix minima only grow: nothing further can fit.
      if (optimistic > limit) break;
      const next = minima[depth + 1];
      for (let slot = 0; slot < width; slot += 1) next[slot] = Math.min(partial[slot], leastCharge[row + slot]);
      chosen.push(order[position]);
      const finished = visit(depth + 1, position + 1);
      chosen.pop();
      if (!finished) return false;
    }
    return true;
  };
  return visit(0, 0) ? sets : null;
}

/** The same quick bound with even bundle splits. */
function shareSetBound(tables: ChargeTables, vendors: readonly number[], floor: number): number {
  const { leastShare } = tables;
  const { width } = tables.layout;
  let bound = floor;
  for (let slot = 0; slot < width; slot += 1) {
    let least = Infinity;
    for (const vendor of vendors) least = Math.min(least, leastShare[vendor * width + slot]);
    bound += least;
  }
  return bound;
}

/** LBg of the header comment. */
function fineSetBound(tables: ChargeTables, vendors: readonly number[], floor: number): number {
  const { ownSingle, scratch } = tables;
  const { width } = tables.layout;
  const g = scratch.g.fill(Infinity);
  for (const vendor of vendors) {
    for (let slot = 0; slot < width; slot += 1) g[slot] = Math.min(g[slot], ownSingle[vendor * width + slot]);
  }
  let singles = floor;
  for (let slot = 0; slot < width; slot += 1) singles += g[slot];
  if (singles === Infinity) return Infinity;
  const savers: Saver[] = [];
  for (const vendor of vendors) {
    for (const bundle of tables.bundles[vendor]) {
      let saving = -bundle.reduced;
      for (const slot of bundle.slots) saving += g[slot];
      if (saving > 0) savers.push({ slots: bundle.slots, saving });
    }
  }
  return savers.length === 0 ? singles : singles - bestPacking(savers, scratch.used.fill(0));
}

interface Saver {
  slots: Int32Array;
  saving: number;
}

/** The largest total saving of pairwise disjoint bundles (branch and bound, biggest first). */
function bestPacking(savers: Saver[], used: Uint8Array): number {
  savers.sort((a, b) => b.saving - a.saving);
  const remaining = new Float64Array(savers.length + 1);
  for (let index = savers.length - 1; index >= 0; index -= 1)
    remaining[index] = remaining[index + 1] + savers[index].saving;
  let best = 0;
  const pack = (from: number, saving: number): void => {
    if (saving > best) best = saving;
    for (let index = from; index < savers.length; index += 1) {
      if (saving + remaining[index] <= best) return;
      const { slots } = savers[index];
      let free = true;
      for (const slot of slots) if (used[slot] === 1) free = false;
      if (!free) continue;
      for (const slot of slots) used[slot] = 1;
      pack(index + 1, saving + savers[index].saving);
      for (const slot of slots) used[slot] = 0;
    }
  };
  pack(0, 0);
  return best;
}

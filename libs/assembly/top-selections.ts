import type { PreparedOffer } from './problem';

export interface RankedSelection {
  offers: PreparedOffer[];
  total: number;
  /** The offers' input positions, ascending: orders equal totals. */
  positions: number[];
  /** `positions` joined: identifies the set of offers. */
  key: string;
}

/**
 * The `wanted` cheapest distinct selections seen so far, cheapest first, equal totals by their
 * offers' input positions (`compareSelections`), so the outcome does not depend on the order they
 * were found in.
 */
export class TopSelections {
  private readonly ranked: RankedSelection[] = [];
  private readonly keys = new Set<string>();

  constructor(
    readonly wanted: number,
    private readonly maxTotal: number | null,
  ) {}

  /**
   * Totals above this cannot enter: the k-th best total once k are known, else the budget.
   * Searches prune against it, so it only ever decreases.
   */
  threshold(): number {
    if (this.ranked.length >= this.wanted) return this.ranked[this.wanted - 1].total;
    return this.maxTotal ?? Infinity;
  }

  consider(offers: readonly PreparedOffer[], total: number): void {
    if (total > this.threshold()) return;
    const positions = selectionPositions(offers);
    const key = positions.join(',');
    if (this.keys.has(key)) return;
    const entry = { offers: [...offers], total, positions, key };
    let position = this.ranked.length;
    while (position > 0 && compareSelections(entry, this.ranked[position - 1]) < 0) position -= 1;
    this.ranked.splice(position, 0, entry);
    this.keys.add(key);
    if (this.ranked.length > this.wanted) this.keys.delete(this.ranked.pop()!.key);
  }

  get size(): number {
    return this.ranked.length;
  }

  list(): RankedSelection[] {
    return [...this.ranked];
  }
}

/** The offers' positions in the input, ascending. */
export function selectionPositions(offers: readonly PreparedOffer[]): number[] {
  return offers.map((offer) => offer.inputIndex).sort((a, b) => a - b);
}

/**
 * Cheapest first; equal totals by their offers' input positions (ascending) compared as numbers,
 * element by element, a selection that is a prefix of the other first: [0, 88] before [0, 113].
 */
export function compareSelections(
  a: { total: number; positions: readonly number[] },
  b: { total: number; positions: readonly number[] },
): number {
  if (a.total !== b.total) return a.total - b.total;
  const length = Math.min(a.positions.length, b.positions.length);
  for (let index = 0; index < length; index += 1) {
    if (a.positions[index] !== b.positions[index]) return a.positions[index] - b.positions[index];
  }
  return a.positions.length - b.positions.length;
}

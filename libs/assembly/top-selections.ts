import type { PreparedOffer } from './problem';

export interface RankedSelection {
  offers: PreparedOffer[];
  total: number;
  /** Input indexes, ascending, joined: identifies the set of offers. */
  key: string;
}

/**
 * The `wanted` cheapest distinct selections seen so far, cheapest first (ties by key, so the
 * outcome does not depend on the order they were found in).
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
    const key = selectionKey(offers);
    if (this.keys.has(key)) return;
    const entry = { offers: [...offers], total, key };
    let position = this.ranked.length;
    while (position > 0 && compareRanked(entry, this.ranked[position - 1]) < 0) position -= 1;
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

export function selectionKey(offers: readonly PreparedOffer[]): string {
  return offers
    .map((offer) => offer.inputIndex)
    .sort((a, b) => a - b)
    .join(',');
}

function compareRanked(a: RankedSelection, b: RankedSelection): number {
  return a.total - b.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

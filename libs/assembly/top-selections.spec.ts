import type { PreparedOffer } from './problem';
import { compareSelections, TopSelections } from './top-selections';

/** A stand-in offer: only its input position and price matter here. */
function at(inputIndex: number, price = 10): PreparedOffer {
  return {
    id: `o${inputIndex}`,
    vendorId: 'v',
    vendor: 0,
    components: [inputIndex],
    setKey: String(inputIndex),
    price,
    vendorRating: null,
    inputIndex,
  };
}

describe('TopSelections', () => {
  it('orders equal totals by the offers’ input positions as numbers, not as joined strings', () => {
    const best = new TopSelections(3, null);
    // As strings "0,113" < "0,88" and "10" < "9"; as numbers the other way round.
    best.consider([at(113), at(0)], 20);
    best.consider([at(0), at(88)], 20);
    best.consider([at(5), at(9)], 20);
    expect(best.list().map((selection) => selection.positions)).toEqual([
      [0, 88],
      [0, 113],
      [5, 9],
    ]);
  });

  it('keeps the lowest positions when equal totals compete for the last place, whatever the order found', () => {
    const found = [[at(113)], [at(9)], [at(88)], [at(10)]];
    for (const order of [found, [...found].reverse()]) {
      const best = new TopSelections(2, null);
      for (const offers of order) best.consider(offers, 50);
      expect(best.list().map((selection) => selection.positions)).toEqual([[9], [10]]);
    }
  });

  it('ranks by total first, and skips a set already held', () => {
    const best = new TopSelections(3, null);
    best.consider([at(1)], 30);
    best.consider([at(200)], 20);
    best.consider([at(1)], 30);
    expect(best.list().map((selection) => [selection.total, selection.positions])).toEqual([
      [20, [200]],
      [30, [1]],
    ]);
  });
});

describe('compareSelections', () => {
  it('compares totals, then positions element by element, a prefix first', () => {
    const selection = (total: number, positions: number[]) => ({ total, positions });
    expect(compareSelections(selection(10, [5]), selection(11, [1]))).toBeLessThan(0);
    expect(compareSelections(selection(10, [2, 100]), selection(10, [2, 20]))).toBeGreaterThan(0);
    expect(compareSelections(selection(10, [9]), selection(10, [10]))).toBeLessThan(0);
    expect(compareSelections(selection(10, [3]), selection(10, [3, 4]))).toBeLessThan(0);
    expect(compareSelections(selection(10, [3, 4]), selection(10, [3, 4]))).toBe(0);
  });
});

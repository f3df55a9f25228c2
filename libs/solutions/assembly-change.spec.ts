import { describeAssemblyChange } from './assembly-change';
import { AssemblyChangeKind } from '@app/intents';

describe('describeAssemblyChange', () => {
  const budget = { budgetMinor: '50000', budgetCurrency: 'GBP' };

  it('says what changed, with the new budget and the vendor by name', () => {
    expect(describeAssemblyChange({ kind: AssemblyChangeKind.BUDGET }, budget, null)).toBe(
      'the budget changed to 500.00 GBP',
    );
    expect(
      describeAssemblyChange({ kind: AssemblyChangeKind.BUDGET }, { budgetMinor: null, budgetCurrency: null }, null),
    ).toBe('the budget was removed');
    expect(describeAssemblyChange({ kind: AssemblyChangeKind.OFFER_WITHDRAWN, vendorId: 'v' }, budget, 'Sparkle')).toBe(
      'Sparkle withdrew its offer',
    );
    expect(describeAssemblyChange({ kind: AssemblyChangeKind.VENDOR_RATING, vendorId: 'v' }, budget, null)).toBe(
      "a vendor's rating changed",
    );
    expect(describeAssemblyChange(null, budget, null)).toBe('something the solutions depend on changed');
  });
});

import { formatMoney } from '@app/common';
import { type Intent, type AssemblyChange, AssemblyChangeKind } from '@app/intents';

/** The change as a phrase for the intent's owner, e.g. "the budget changed to 500.00 GBP". */
export function describeAssemblyChange(
  change: AssemblyChange | null,
  intent: Pick<Intent, 'budgetMinor' | 'budgetCurrency'>,
  vendorName: string | null,
): string {
  const vendor = vendorName ?? 'a vendor';
  switch (change?.kind) {
    case undefined:
      return 'something the solutions depend on changed';
    case AssemblyChangeKind.BUDGET:
      return intent.budgetMinor !== null && intent.budgetCurrency
        ? `the budget changed to ${formatMoney(intent.budgetMinor, intent.budgetCurrency)}`
        : 'the budget was removed';
    case AssemblyChangeKind.COMPONENTS:
      return 'the components changed';
    case AssemblyChangeKind.CONSTRAINTS:
      return 'the solution constraints changed';
    case AssemblyChangeKind.OFFER_MADE:
      return `${vendor} made an offer`;
    case AssemblyChangeKind.OFFER_REVISED:
      return `${vendor} revised its offer`;
    case AssemblyChangeKind.OFFER_WITHDRAWN:
      return `${vendor} withdrew its offer`;
    case AssemblyChangeKind.OFFER_EXPIRED:
      return `an offer from ${vendor} expired`;
    case AssemblyChangeKind.VENDOR_RATING:
      return `${vendor}'s rating changed`;
    case AssemblyChangeKind.INTENT_CLOSED:
      return 'the intent closed';
  }
}

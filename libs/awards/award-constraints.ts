import { formatMoney } from '@app/common';
import type { SolutionConstraints } from '@app/intents';

/** One offer about to be awarded, with what the constraints look at. */
export interface AwardedOffer {
  vendorId: string;
  vendorName: string;
  vendorRating: number | null;
  /** What the award takes of it (minor units). */
  totalMinor: bigint;
  currency: string;
}

/** A stored solution being accepted, or offers the individual picked: only the wording differs. */
export type AwardSubject = 'solution' | 'offers';

export interface ConstraintsInForce {
  budgetMinor: string | null;
  budgetCurrency: string | null;
  solutionConstraints: SolutionConstraints | null;
}

/**
 * The first of the intent's current constraints (budget, excluded vendors, minimum rating, vendor
 * limit) that the award breaks, as a sentence; null when it keeps them all.
 */
export function constraintConflict(
  intent: ConstraintsInForce,
  awarded: AwardedOffer[],
  subject: AwardSubject,
): string | null {
  const what = subject === 'solution' ? 'the solution' : 'the chosen offers';
  if (intent.budgetMinor !== null && intent.budgetCurrency) {
    const budget = formatMoney(intent.budgetMinor, intent.budgetCurrency);
    const currencies = [...new Set(awarded.map((offer) => offer.currency))];
    if (currencies.some((currency) => currency !== intent.budgetCurrency)) {
      return capitalise(
        `${what} ${subject === 'solution' ? 'is' : 'are'} in ${currencies.join(', ')}; the budget is ${budget}`,
      );
    }
    const total = awarded.reduce((sum, offer) => sum + offer.totalMinor, 0n);
    if (total > BigInt(intent.budgetMinor)) {
      const totals = formatMoney(total, intent.budgetCurrency);
      return subject === 'solution'
        ? `The budget changed to ${budget}; the solution totals ${totals}`
        : `The chosen offers total ${totals}, over the budget of ${budget}`;
    }
  }
  const constraints = intent.solutionConstraints ?? {};
  const excluded = new Set(constraints.excludedVendorIds ?? []);
  const minRating = constraints.minVendorRating ?? null;
  for (const offer of awarded) {
    if (excluded.has(offer.vendorId)) return `${offer.vendorName} is excluded by your solution constraints`;
    if (minRating !== null && (offer.vendorRating === null || offer.vendorRating < minRating)) {
      const rated = offer.vendorRating === null ? 'is not rated yet' : `is rated ${round(offer.vendorRating)}`;
      return `${offer.vendorName} ${rated}; your solution constraints ask for at least ${minRating}`;
    }
  }
  const vendors = new Set(awarded.map((offer) => offer.vendorId)).size;
  if (constraints.maxVendors && vendors > constraints.maxVendors) {
    const uses = subject === 'solution' ? 'The solution uses' : 'The chosen offers come from';
    return `${uses} ${vendors} vendors; your solution constraints allow at most ${constraints.maxVendors}`;
  }
  return null;
}

const round = (rating: number) => Math.round(rating * 100) / 100;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

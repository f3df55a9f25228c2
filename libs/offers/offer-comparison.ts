import type { IntentComponent } from '@app/intents';
import type { Vendor } from '@app/vendors';
import type { OfferVersion } from './offer-version.entity';
import type { Offer } from './offer.entity';

export interface ComparedOfferRow {
  offer: Offer;
  vendor: Vendor;
  /** Minor units; null on a bundle line sold only as part of the bundle. */
  priceMinor: string | null;
  currency: string;
  isBundle: boolean;
  componentIds: string[];
  validUntil: Date;
}

export interface OfferComparisonRows {
  components: Array<{ component: IntentComponent; offers: ComparedOfferRow[] }>;
  bundles: ComparedOfferRow[];
}

const byPrice = (a: ComparedOfferRow, b: ComparedOfferRow) => {
  if (a.priceMinor === null) return 1;
  if (b.priceMinor === null) return -1;
  const diff = BigInt(a.priceMinor) - BigInt(b.priceMinor);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

/**
 * Lays offers out side by side: each component with every per-component price
 * for it, cheapest first; bundles apart, since they are only valid whole.
 */
export function compareOffers(
  components: IntentComponent[],
  offers: Array<{ offer: Offer; version: OfferVersion; vendor: Vendor }>,
): OfferComparisonRows {
  const perComponent = new Map<string, ComparedOfferRow[]>(components.map((c) => [c.id, []]));
  const bundles: ComparedOfferRow[] = [];
  for (const { offer, version, vendor } of offers) {
    const base = { offer, vendor, currency: version.currency, validUntil: version.validUntil };
    if (version.isBundle) {
      bundles.push({
        ...base,
        priceMinor: version.totalMinor,
        isBundle: true,
        componentIds: version.lines.map((line) => line.componentId),
      });
      continue;
    }
    for (const line of version.lines) {
      perComponent.get(line.componentId)?.push({
        ...base,
        priceMinor: line.amountMinor,
        isBundle: false,
        componentIds: [line.componentId],
      });
    }
  }
  return {
    components: components.map((component) => ({
      component,
      offers: (perComponent.get(component.id) ?? []).sort(byPrice),
    })),
    bundles: bundles.sort(byPrice),
  };
}

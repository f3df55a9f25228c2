import type { AssemblyComponent, AssemblyInput, AssemblyOffer } from '../types';

/** Shape of a random assembly instance; everything but the sizes has a default. */
export interface InstanceSpec {
  seed: number;
  components: number;
  /** Single-component offers per component. */
  offersPerComponent: number;
  /** Default: a tenth of all single offers (components x offersPerComponent / 10), rounded. */
  bundles?: number;
  /** Default: max(4, offersPerComponent / 2), so a vendor makes one or two offers per component. */
  vendors?: number;
  /** Share of vendors with no rating yet. Default 0.1. */
  unratedVendorShare?: number;
  /** Share of components marked optional. Default 0. */
  optionalShare?: number;
}

/** mulberry32: a tiny, fast, well-mixed 32-bit generator; same seed, same instance, everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Vendor {
  id: string;
  rating: number | null;
  /** Multiplies the typical price of every component for this vendor. */
  priceFactor: number;
}

/**
 * Builds a deterministic instance: typical prices per component, a vendor pool with ratings and
 * price levels, single offers near vendor x typical prices, and bundles of 2-4 components at 5-45%
 * off the sum of that vendor's own singles (or the vendor's typical price where it has none).
 * Constraints are left to the caller.
 */
export function generateInstance(spec: InstanceSpec): AssemblyInput {
  const random = seededRandom(spec.seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const componentCount = spec.components;
  const vendorCount = spec.vendors ?? Math.max(4, Math.round(spec.offersPerComponent / 2));
  const bundleCount = spec.bundles ?? Math.round((componentCount * spec.offersPerComponent) / 10);
  const unratedShare = spec.unratedVendorShare ?? 0.1;
  const optionalShare = spec.optionalShare ?? 0;

  const components: AssemblyComponent[] = [];
  const typicalPrice: number[] = [];
  for (let index = 0; index < componentCount; index += 1) {
    const optional = random() < optionalShare;
    components.push(optional ? { id: `c${index}`, optional } : { id: `c${index}` });
    typicalPrice.push(Math.round(between(5_000, 50_000)));
  }

  const vendors: Vendor[] = [];
  for (let index = 0; index < vendorCount; index += 1) {
    const rating = random() < unratedShare ? null : Math.round(between(2.5, 5) * 10) / 10;
    vendors.push({ id: `v${index}`, rating, priceFactor: between(0.8, 1.25) });
  }

  const offers: AssemblyOffer[] = [];
  // Cheapest single per (vendor, component), to price that vendor's bundles.
  const vendorSinglePrice = new Map<string, number>();
  for (let component = 0; component < componentCount; component += 1) {
    for (let index = 0; index < spec.offersPerComponent; index += 1) {
      const vendor = pick(vendors);
      const price = Math.round(typicalPrice[component] * vendor.priceFactor * between(0.9, 1.15));
      offers.push({
        id: `o${offers.length}`,
        vendorId: vendor.id,
        componentIds: [components[component].id],
        price,
        vendorRating: vendor.rating,
      });
      const key = `${vendor.id}|${component}`;
      vendorSinglePrice.set(key, Math.min(price, vendorSinglePrice.get(key) ?? Infinity));
    }
  }

  for (let index = 0; index < bundleCount && componentCount >= 2; index += 1) {
    const vendor = pick(vendors);
    const size = Math.min(componentCount, 2 + Math.floor(random() * 3));
    const covered = sampleDistinct(componentCount, size, random).sort((a, b) => a - b);
    const undiscounted = covered.reduce(
      (sum, component) =>
        sum + (vendorSinglePrice.get(`${vendor.id}|${component}`) ?? typicalPrice[component] * vendor.priceFactor),
      0,
    );
    offers.push({
      id: `b${index}`,
      vendorId: vendor.id,
      componentIds: covered.map((component) => components[component].id),
      price: Math.round(undiscounted * (1 - between(0.05, 0.45))),
      vendorRating: vendor.rating,
    });
  }

  return { components, offers };
}

function sampleDistinct(range: number, count: number, random: () => number): number[] {
  const pool = Array.from({ length: range }, (_, index) => index);
  for (let index = 0; index < count; index += 1) {
    const swap = index + Math.floor(random() * (range - index));
    [pool[index], pool[swap]] = [pool[swap], pool[index]];
  }
  return pool.slice(0, count);
}

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

/** Shape of a bundle-heavy instance: few offers, most of them bundles, one exact cover planted. */
export interface BundleHeavySpec {
  seed: number;
  components: number;
  /** All offers, the planted cover included. */
  offers: number;
  /** Share of the offers beyond the planted cover that are singles. Default 0.15. */
  singleShare?: number;
  /** Largest bundle, in components (at least 2). Default 4. */
  maxBundleSize?: number;
  /** Default 8. */
  vendors?: number;
  /** Share of vendors with no rating yet. Default 0.1. */
  unratedVendorShare?: number;
}

/**
 * A deterministic bundle-heavy instance (every component required): the components are split at
 * random into groups of 1 to `maxBundleSize`, one offer per group from a random vendor (the
 * planted exact cover, so coverage alone is always feasible), then random bundles of 2 to
 * `maxBundleSize` components and a few singles up to `offers`, in shuffled order. Vendors are
 * rated 2.5-5 (or not rated); singles are priced near vendor x typical price, bundles 5-45% below
 * the typical prices of what they cover. Few offers and large overlapping bundles leave few exact
 * covers, so a vendor constraint (rating, exclusion, vendor limit) often leaves none: the shape of
 * the models that HiGHS's presolve has got wrong (see diagnose.ts). Constraints are left to the caller.
 */
export function generateBundleHeavyInstance(spec: BundleHeavySpec): AssemblyInput {
  const random = seededRandom(spec.seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const componentCount = spec.components;
  const maxBundleSize = Math.max(2, spec.maxBundleSize ?? 4);
  const singleShare = spec.singleShare ?? 0.15;
  const vendorCount = spec.vendors ?? 8;
  const unratedShare = spec.unratedVendorShare ?? 0.1;

  const typicalPrice = Array.from({ length: componentCount }, () => Math.round(between(5_000, 50_000)));
  const vendors: Vendor[] = Array.from({ length: vendorCount }, (_, index) => ({
    id: `v${index}`,
    rating: random() < unratedShare ? null : Math.round(between(2.5, 5) * 10) / 10,
    priceFactor: between(0.8, 1.25),
  }));

  const groups: number[][] = [];
  const order = sampleDistinct(componentCount, componentCount, random);
  for (let start = 0; start < componentCount;) {
    const size = Math.min(componentCount - start, 1 + Math.floor(random() * maxBundleSize));
    groups.push(order.slice(start, start + size));
    start += size;
  }
  while (groups.length < spec.offers) {
    const size = random() < singleShare ? 1 : Math.min(componentCount, 2 + Math.floor(random() * (maxBundleSize - 1)));
    groups.push(sampleDistinct(componentCount, size, random));
  }

  const offers = groups.map((group): Omit<AssemblyOffer, 'id'> => {
    const vendor = vendors[Math.floor(random() * vendors.length)];
    const typical = group.reduce((sum, component) => sum + typicalPrice[component], 0) * vendor.priceFactor;
    const factor = group.length === 1 ? between(0.9, 1.15) : 1 - between(0.05, 0.45);
    return {
      vendorId: vendor.id,
      componentIds: [...group].sort((a, b) => a - b).map((component) => `c${component}`),
      price: Math.round(typical * factor),
      vendorRating: vendor.rating,
    };
  });
  const shuffled = sampleDistinct(offers.length, offers.length, random).map((index, position): AssemblyOffer => ({
    id: `o${position}`,
    ...offers[index],
  }));
  return {
    components: Array.from({ length: componentCount }, (_, index) => ({ id: `c${index}` })),
    offers: shuffled,
  };
}

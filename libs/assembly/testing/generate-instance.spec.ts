import { generateInstance } from './generate-instance';

describe('generateInstance', () => {
  it('is deterministic per seed', () => {
    const spec = { seed: 42, components: 6, offersPerComponent: 20 };
    expect(generateInstance(spec)).toEqual(generateInstance(spec));
    expect(generateInstance({ ...spec, seed: 43 })).not.toEqual(generateInstance(spec));
  });

  it('makes offersPerComponent singles per component and a tenth as many bundles of 2-4 components', () => {
    const { components, offers } = generateInstance({ seed: 1, components: 10, offersPerComponent: 30 });
    expect(components).toHaveLength(10);
    const singles = offers.filter((offer) => offer.componentIds.length === 1);
    const bundles = offers.filter((offer) => offer.componentIds.length > 1);
    expect(singles).toHaveLength(300);
    expect(bundles).toHaveLength(30);
    for (const component of components) {
      expect(singles.filter((offer) => offer.componentIds[0] === component.id)).toHaveLength(30);
    }
    for (const bundle of bundles) {
      expect(bundle.componentIds.length).toBeGreaterThanOrEqual(2);
      expect(bundle.componentIds.length).toBeLessThanOrEqual(4);
      expect(new Set(bundle.componentIds).size).toBe(bundle.componentIds.length);
    }
    for (const offer of offers) {
      expect(Number.isSafeInteger(offer.price) && offer.price > 0).toBe(true);
      expect(offer.vendorRating === null || (offer.vendorRating >= 2.5 && offer.vendorRating <= 5)).toBe(true);
    }
  });

  it('prices bundles 5-45% below the same vendor singles they replace, when it has them', () => {
    const { offers } = generateInstance({ seed: 9, components: 5, offersPerComponent: 40, vendors: 4 });
    const cheapestSingle = (vendorId: string, componentId: string) =>
      Math.min(
        ...offers
          .filter(
            (offer) =>
              offer.vendorId === vendorId && offer.componentIds.length === 1 && offer.componentIds[0] === componentId,
          )
          .map((offer) => offer.price),
      );
    const bundles = offers.filter((offer) => offer.componentIds.length > 1);
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) {
      const undiscounted = bundle.componentIds.reduce((sum, id) => sum + cheapestSingle(bundle.vendorId, id), 0);
      expect(bundle.price / undiscounted).toBeGreaterThanOrEqual(0.55 - 1e-3);
      expect(bundle.price / undiscounted).toBeLessThanOrEqual(0.95 + 1e-3);
    }
  });
});

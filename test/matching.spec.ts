import { coarsen } from '@app/intents/coarse-location';
import { MatchingService } from '@app/matching/matching.service';
import { type Actor, BRISTOL, LEEDS, signUp, vendorWithProfile } from './support/actors';
import { feedItem as feedItemOf, openIntent as openIntentOn, storedMatches } from './support/matching';
import { type TestStack, startTestStack } from './support/test-stack';

const FEED = /* GraphQL */ `
  query {
    feed(first: 50) {
      nodes {
        intent {
          id
        }
        score
        reasons {
          category {
            code
          }
          distanceKm
          words
        }
      }
    }
  }
`;

const SEES_INTENT = /* GraphQL */ `
  query ($id: ID!) {
    intent(id: $id) {
      id
    }
  }
`;

/** Great-circle km, the formula the matching query uses. */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Reasons give km to one decimal. */
const expectKm = (actual: number | null | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(0.051);

/** A point `km` north of `from` (1° of latitude is ~111.2 km). */
const north = (from: { lat: number; lng: number }, km: number) => ({ lat: from.lat + km / 111.195, lng: from.lng });

/** The coarse point vendors see (and matching uses) for an exact point. */
const coarsePoint = (point: { lat: number; lng: number }) => ({ lat: coarsen(point.lat), lng: coarsen(point.lng) });

describe('matching: category and service area, long-tail text, top K, ranking, idempotency (worker running)', () => {
  let stack: TestStack;
  let individual: Actor;

  const openIntent = (input: Record<string, unknown>, on: TestStack = stack, owner: Actor = individual) =>
    openIntentOn(on, owner, input);
  const matchesOf = (intentId: string, on: TestStack = stack) => storedMatches(on, intentId);
  const feedItem = (vendor: Actor, intentId: string) => feedItemOf(stack, FEED, vendor, intentId);

  const seesIntent = async (vendor: Actor, intentId: string) => {
    const result = await stack.gql(SEES_INTENT, { id: intentId }, vendor.token);
    if (result.errors) expect(result.errors[0].extensions?.code).toBe('NOT_FOUND');
    return !result.errors;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Matching Individual');
  });

  afterAll(async () => {
    await stack.close();
  });

  it('matches vendors by category and service area, with the category and the distance as reasons', async () => {
    const piano = await vendorWithProfile(stack, 'Leeds Piano Movers', {
      categoryCodes: ['moving.removals.piano'],
      description: 'Uprights and grands moved with care',
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    const removals = await vendorWithProfile(stack, 'Leeds General Removals', {
      categoryCodes: ['moving.removals'],
      description: 'House and flat moves',
      serviceArea: { ...north(LEEDS, 5), radiusKm: 40 },
    });
    const otherCategory = await vendorWithProfile(stack, 'Leeds Van Hire', {
      categoryCodes: ['moving.van_hire'],
      description: 'Luton vans by the day',
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    const farAway = await vendorWithProfile(stack, 'Bristol Piano Movers', {
      categoryCodes: ['moving.removals.piano'],
      description: 'Uprights and grands moved with care',
      serviceArea: { ...BRISTOL, radiusKm: 40 },
    });

    const intent = await openIntent({
      title: 'Move an upright piano',
      categoryCode: 'moving.removals.piano',
      location: { postcode: 'LS6 3AB', lat: 53.8201, lng: -1.5763 },
    });

    const matches = await matchesOf(intent.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual([piano.vendorId, removals.vendorId].sort());
    const exact = matches.find((m) => m.vendor_id === piano.vendorId)!;
    const parent = matches.find((m) => m.vendor_id === removals.vendorId)!;
    expect(exact.reasons.categoryCode).toBe('moving.removals.piano');
    expect(parent.reasons.categoryCode).toBe('moving.removals');
    expectKm(exact.reasons.distanceKm, haversineKm(LEEDS, intent.location));
    expectKm(parent.reasons.distanceKm, haversineKm(north(LEEDS, 5), intent.location));
    expect(exact.score).toBeGreaterThan(parent.score);

    // What the vendor sees through the API.
    const item = await feedItem(piano, intent.id);
    expect(item?.reasons).toEqual({
      category: { code: 'moving.removals.piano' },
      distanceKm: exact.reasons.distanceKm,
      words: [],
    });
    expect(await seesIntent(piano, intent.id)).toBe(true);
    expect(await seesIntent(otherCategory, intent.id)).toBe(false);
    expect(await seesIntent(farAway, intent.id)).toBe(false);
  });

  it('matches a long-tail intent with no category by the words of vendor descriptions and keywords', async () => {
    const place = { lat: 52.2053, lng: 0.1218 }; // Cambridge
    const clocks = await vendorWithProfile(stack, 'Fenland Horology', {
      categoryCodes: ['home_repair.furniture_restoration'],
      description: 'Restoration of longcase clocks, carriage clocks and barometers',
      serviceArea: { ...place, radiusKm: 30 },
    });
    const harpsichords = await vendorWithProfile(stack, 'Early Keyboards', {
      categoryCodes: ['education.music'],
      description: 'Tuning and voicing for early keyboard instruments',
      keywords: ['harpsichord', 'spinet'],
      serviceArea: { ...place, radiusKm: 30 },
    });
    const unrelated = await vendorWithProfile(stack, 'Cambridge Blooms', {
      categoryCodes: ['events.florists'],
      description: 'Wedding bouquets and table flowers',
      serviceArea: { ...place, radiusKm: 30 },
    });

    const intent = await openIntent({
      title: 'Someone to restore a longcase clock',
      description: 'It was my grandmother’s. Could also use a harpsichord tuning.',
      location: place,
    });

    const matches = await matchesOf(intent.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual([clocks.vendorId, harpsichords.vendorId].sort());
    const clockMatch = matches.find((m) => m.vendor_id === clocks.vendorId)!;
    expect(clockMatch.reasons.words?.sort()).toEqual(['clock', 'longcase', 'restore']);
    expect(clockMatch.reasons.categoryCode ?? null).toBeNull();
    expectKm(clockMatch.reasons.distanceKm, haversineKm(place, intent.location));
    const harpsichordMatch = matches.find((m) => m.vendor_id === harpsichords.vendorId)!;
    expect(harpsichordMatch.reasons.words?.sort()).toEqual(['harpsichord', 'tuning']);

    const item = await feedItem(harpsichords, intent.id);
    expect(item?.reasons.category).toBeNull();
    expect(item?.reasons.words.sort()).toEqual(['harpsichord', 'tuning']);
    expect(await seesIntent(unrelated, intent.id)).toBe(false);
  });

  it('stores no match and no notification when no vendor fits', async () => {
    const place = { lat: 57.4778, lng: -4.2247 }; // Inverness
    await vendorWithProfile(stack, 'Highland Dog Walkers', {
      categoryCodes: ['pets.dog_walking'],
      description: 'Daily walks by the river',
      serviceArea: { ...place, radiusKm: 20 },
    });
    const before = await notificationCount();
    const intent = await openIntent({
      title: 'Zorbing harness inspection',
      categoryCode: 'pets.grooming',
      location: place,
    });
    expect(await matchesOf(intent.id)).toEqual([]);
    expect(await notificationCount(intent.id)).toBe(0);
    expect(await notificationCount()).toBe(before);
  });

  it('does not match a vendor whose radius does not reach the intent; matches one that does, and one serving anywhere', async () => {
    const exact = north(BRISTOL, 1);
    const point = coarsePoint(exact);
    const fromLeeds = haversineKm(LEEDS, point);
    expect(fromLeeds).toBeGreaterThan(250);
    const shortOfIt = await vendorWithProfile(stack, 'Leeds Florist, almost', {
      categoryCodes: ['events.florists'],
      serviceArea: { ...LEEDS, radiusKm: Math.floor(fromLeeds) - 3 },
    });
    const reachesIt = await vendorWithProfile(stack, 'Leeds Florist, far and wide', {
      categoryCodes: ['events.florists'],
      serviceArea: { ...LEEDS, radiusKm: Math.ceil(fromLeeds) + 3 },
    });
    const national = await vendorWithProfile(stack, 'Flowers by Post', {
      categoryCodes: ['events.florists'],
      serviceArea: null,
    });
    const veryWide = await vendorWithProfile(stack, 'Scottish Florist, very wide', {
      categoryCodes: ['events.florists'],
      serviceArea: { lat: 55.9533, lng: -3.1883, radiusKm: 900 },
    });
    const tooFarWide = await vendorWithProfile(stack, 'Orkney Florist', {
      categoryCodes: ['events.florists'],
      serviceArea: { lat: 58.9809, lng: -2.9605, radiusKm: 500 },
    });
    const local = await vendorWithProfile(stack, 'Bristol Florist', {
      categoryCodes: ['events.florists'],
      serviceArea: { ...BRISTOL, radiusKm: 10 },
    });

    const intent = await openIntent({ title: 'Wedding flowers', categoryCode: 'events.florists', location: exact });
    expect(intent.location).toEqual(point);

    const matches = await matchesOf(intent.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual(
      [reachesIt.vendorId, national.vendorId, veryWide.vendorId, local.vendorId].sort(),
    );
    expect(matches.find((m) => m.vendor_id === national.vendorId)!.reasons.distanceKm).toBeNull();
    expect(await seesIntent(shortOfIt, intent.id)).toBe(false);
    expect(await seesIntent(tooFarWide, intent.id)).toBe(false);
    expect(await seesIntent(reachesIt, intent.id)).toBe(true);
  });

  it('matches by service area near a pole too, where the grid has no buckets', async () => {
    const longyearbyen = { lat: 78.2232, lng: 15.6267 };
    const near = await vendorWithProfile(stack, 'Svalbard Dog Sledding Kennels', {
      categoryCodes: ['pets.boarding'],
      serviceArea: { lat: 78.25, lng: 15.5, radiusKm: 30 },
    });
    const tooFar = await vendorWithProfile(stack, 'Ny-Alesund Kennels', {
      categoryCodes: ['pets.boarding'],
      serviceArea: { lat: 78.9235, lng: 11.9099, radiusKm: 30 },
    });
    const intent = await openIntent({
      title: 'Board two huskies',
      categoryCode: 'pets.boarding',
      location: longyearbyen,
    });
    expect((await matchesOf(intent.id)).map((m) => m.vendor_id)).toEqual([near.vendorId]);
    expect(await seesIntent(tooFar, intent.id)).toBe(false);
  });

  it('ranks by fit first, then distance, then rating', async () => {
    const point = coarsePoint({ lat: 52.6309, lng: 1.2974 }); // Norwich
    const at = (km: number) => ({ ...north(point, km), radiusKm: 50 });
    const nearExact = await vendorWithProfile(stack, 'Norwich Tree Surgeons', {
      categoryCodes: ['garden.tree_surgery'],
      serviceArea: at(2),
    });
    const farExact = await vendorWithProfile(stack, 'Broads Tree Surgeons', {
      categoryCodes: ['garden.tree_surgery'],
      serviceArea: at(20),
    });
    const farExactRated = await vendorWithProfile(stack, 'Five Star Tree Care', {
      categoryCodes: ['garden.tree_surgery'],
      serviceArea: at(20),
    });
    const nearParent = await vendorWithProfile(stack, 'Norwich Garden Services', {
      categoryCodes: ['garden'],
      serviceArea: at(2),
    });
    // Ratings have no API yet (reviews do not exist): set them as reviews would.
    await stack.dataSource.query(`UPDATE vendors SET rating_average = 5, rating_count = 12 WHERE id = $1`, [
      farExactRated.vendorId,
    ]);

    const intent = await openIntent({
      title: 'Fell an ash tree',
      categoryCode: 'garden.tree_surgery',
      location: point,
    });
    const matches = await matchesOf(intent.id);
    expect(matches.map((m) => m.vendor_id)).toEqual([
      nearExact.vendorId,
      farExactRated.vendorId,
      farExact.vendorId,
      nearParent.vendorId,
    ]);
    expect(matches.map((m) => m.reasons.categoryCode)).toEqual([
      'garden.tree_surgery',
      'garden.tree_surgery',
      'garden.tree_surgery',
      'garden',
    ]);
  });

  it('is idempotent: matching the same intent again stores no new match and no new notification', async () => {
    const vendors = await Promise.all(
      ['Cardiff Locksmiths', 'Valleys Locksmiths'].map((name) =>
        vendorWithProfile(stack, name, {
          categoryCodes: ['home_repair.locksmith'],
          serviceArea: { lat: 51.4816, lng: -3.1791, radiusKm: 25 },
        }),
      ),
    );
    const intent = await openIntent({
      title: 'Locked out',
      categoryCode: 'home_repair.locksmith',
      location: { lat: 51.4816, lng: -3.1791 },
    });
    const matches = await matchesOf(intent.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual(vendors.map((v) => v.vendorId).sort());
    const notifications = await notificationCount(intent.id);
    expect(notifications).toBe(2);

    const matching = stack.worker!.get(MatchingService);
    const again = await matching.matchIntent(intent.id);
    expect(again.newVendorIds).toEqual([]);
    expect(again.candidates.map((c) => c.vendorId).sort()).toEqual(vendors.map((v) => v.vendorId).sort());
    await stack.settle();
    expect(await matchesOf(intent.id)).toEqual(matches);
    expect(await notificationCount(intent.id)).toBe(notifications);
  });

  it('keeps only the top K vendors (MATCH_TOP_K), the best ones', async () => {
    const small = await startTestStack({ worker: true, env: { MATCH_TOP_K: '2' } });
    try {
      const owner = await signUp(small, 'INDIVIDUAL', 'Top K Individual');
      const point = coarsePoint({ lat: 53.96, lng: -1.0873 }); // York
      const vendors: Actor[] = [];
      for (const km of [12, 3, 20, 8]) {
        vendors.push(
          await vendorWithProfile(small, `York Cleaners ${km}`, {
            categoryCodes: ['cleaning.domestic'],
            serviceArea: { ...north(point, km), radiusKm: 30 },
          }),
        );
      }
      const intent = await openIntent(
        { title: 'Weekly clean', categoryCode: 'cleaning.domestic', location: point },
        small,
        owner,
      );
      const matches = await matchesOf(intent.id, small);
      // The two nearest of four (3 km and 8 km), best first.
      expect(matches.map((m) => m.vendor_id)).toEqual([vendors[1].vendorId, vendors[3].vendorId]);
    } finally {
      await small.close();
    }
  });

  async function notificationCount(intentId?: string): Promise<number> {
    const [{ count }] = await stack.dataSource.query(
      `SELECT count(*)::int AS count
         FROM outbox_events, jsonb_array_elements(payload->'notifications') AS notification
        WHERE topic = 'notification' AND notification->>'type' = 'match.created'
          AND ($1::uuid IS NULL OR notification->>'intentId' = $1::text)`,
      [intentId ?? null],
    );
    return count;
  }
});

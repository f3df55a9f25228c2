import { type Actor, LEEDS, signUp, vendorWithProfile } from './support/actors';
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
          basis
          category {
            code
          }
          relation
          needCategory {
            code
          }
          componentId
          words
          wordMatches {
            word
            readAs
            kind
            inNameOrKeywords
            vendorsInReach
          }
          vendorsInReach
          explanation
        }
      }
    }
  }
`;

/** Towns of their own per test, so one test's vendors are out of another's reach. */
const YORK = { lat: 53.96, lng: -1.0873 };
const EXETER = { lat: 50.7184, lng: -3.5339 };
const NORWICH = { lat: 52.6309, lng: 1.2974 };
const CARLISLE = { lat: 54.8925, lng: -2.9329 };
const TRURO = { lat: 50.2632, lng: -5.051 };
const ABERDEEN = { lat: 57.1497, lng: -2.0943 };
const INVERNESS = { lat: 57.4778, lng: -4.2247 };

describe('matching precision: the right vendors, not those sharing place names or filler (worker running)', () => {
  let stack: TestStack;
  let individual: Actor;

  const openIntent = (input: Record<string, unknown>) => openIntentOn(stack, individual, input);
  const matchesOf = (intentId: string) => storedMatches(stack, intentId);
  const matchedVendors = async (intentId: string) => (await matchesOf(intentId)).map((m) => m.vendor_id).sort();
  const feedItem = (vendor: Actor, intentId: string) => feedItemOf(stack, FEED, vendor, intentId);

  const area = (centre: { lat: number; lng: number }, radiusKm = 40) => ({ ...centre, radiusKm });

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Precision Individual');
  });

  afterAll(async () => {
    await stack.close();
  });

  it('sends a move within Leeds to removals and cleaners only, not to every vendor that mentions Leeds', async () => {
    const removals = await vendorWithProfile(stack, 'Leeds Removals', {
      categoryCodes: ['moving.removals'],
      description: 'House and flat moves across Leeds.',
      serviceArea: area(LEEDS),
    });
    const cleaners = await vendorWithProfile(stack, 'Headingley End of Tenancy', {
      categoryCodes: ['moving.cleaning'],
      description: 'Deposit-back cleans in Leeds.',
      serviceArea: area(LEEDS),
    });
    const mentionsLeeds = await Promise.all([
      vendorWithProfile(stack, 'Leeds Funeral Directors', {
        categoryCodes: ['bereavement.funeral_directors'],
        description: 'Independent funeral directors in Leeds.',
        serviceArea: area(LEEDS),
      }),
      vendorWithProfile(stack, 'Aire Travel', {
        categoryCodes: ['travel.flights'],
        description: 'Holidays from Leeds Bradford airport, moving you around the world.',
        serviceArea: area(LEEDS),
      }),
      vendorWithProfile(stack, 'Yorkshire Broadband', {
        categoryCodes: ['tech.it_support'],
        description: 'Broadband installed across Leeds, reliable professional service, house moves welcome.',
        serviceArea: area(LEEDS),
      }),
      vendorWithProfile(stack, 'Hammond Organ Restoration', {
        description: 'Hammond organs and Leslie speakers restored. Workshop near Leeds.',
        keywords: ['Hammond organ', 'Leslie'],
        serviceArea: area(LEEDS, 60),
      }),
    ]);

    const intent = await openIntent({
      title: 'Moving house within Leeds',
      description: 'Three-bed house in Leeds LS6, we also need our Hammond organ moved. Reliable help please.',
      location: { postcode: 'LS6 3AB', lat: 53.8201, lng: -1.5763 },
      components: [
        { title: 'Removals', categoryCode: 'moving.removals' },
        { title: 'End of tenancy clean', categoryCode: 'moving.cleaning' },
      ],
    });

    expect(await matchedVendors(intent.id)).toEqual([removals.vendorId, cleaners.vendorId].sort());
    for (const vendor of mentionsLeeds) expect(await feedItem(vendor, intent.id)).toBeUndefined();
    const item = await feedItem(cleaners, intent.id);
    expect(item?.reasons).toMatchObject({
      basis: 'CATEGORY',
      category: { code: 'moving.cleaning' },
      relation: 'SAME',
      needCategory: { code: 'moving.cleaning' },
      componentId: intent.components[1].id,
      words: [],
      wordMatches: [],
    });
    expect(item?.reasons.explanation).toMatch(/is the need's category/);
  });

  it("reaches a parent category's children, and a child category's parent, never a sibling or a grandparent", async () => {
    const plumber = await vendorWithProfile(stack, 'York Plumbing', {
      categoryCodes: ['home_repair.plumbing'],
      serviceArea: area(YORK),
    });
    const boilers = await vendorWithProfile(stack, 'York Boilers', {
      categoryCodes: ['home_repair.plumbing.boiler'],
      serviceArea: area(YORK),
    });
    const handyman = await vendorWithProfile(stack, 'York Home Repairs', {
      categoryCodes: ['home_repair'],
      serviceArea: area(YORK),
    });
    const sibling = await vendorWithProfile(stack, 'York Electricians', {
      categoryCodes: ['home_repair.electrics'],
      serviceArea: area(YORK),
    });

    const broad = await openIntent({ title: 'Odd jobs around the house', categoryCode: 'home_repair', location: YORK });
    expect(await matchedVendors(broad.id)).toEqual(
      [plumber.vendorId, boilers.vendorId, handyman.vendorId, sibling.vendorId].sort(),
    );
    const narrow = await openIntent({ title: 'Leaking pipe', categoryCode: 'home_repair.plumbing', location: YORK });
    // The boiler firm is narrower, the home repairs firm broader; electricians are a sibling.
    const matches = await matchesOf(narrow.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual(
      [plumber.vendorId, boilers.vendorId, handyman.vendorId].sort(),
    );
    const relation = Object.fromEntries(matches.map((m) => [m.vendor_id, m.reasons.relation]));
    expect(relation[plumber.vendorId!]).toBe('SAME');
    expect(relation[boilers.vendorId!]).toBe('NARROWER');
    expect(relation[handyman.vendorId!]).toBe('BROADER');
    const boiler = await openIntent({
      title: 'Boiler service',
      categoryCode: 'home_repair.plumbing.boiler',
      location: YORK,
    });
    // Plumbing is the boiler category's parent; home repair its grandparent.
    expect(await matchedVendors(boiler.id)).toEqual([plumber.vendorId, boilers.vendorId].sort());
  });

  it('reaches a vendor with no category whose name or keywords say the category, and says why', async () => {
    const unlisted = await vendorWithProfile(stack, "Dave's Man and Van", {
      description: 'Small moves and single items.',
      keywords: ['man and van', 'removals'],
      serviceArea: area(EXETER),
    });
    const otherTrade = await vendorWithProfile(stack, 'Exeter Storage', {
      categoryCodes: ['moving.storage'],
      keywords: ['removals', 'storage'],
      serviceArea: area(EXETER),
    });
    const intent = await openIntent({ title: 'Flat move', categoryCode: 'moving.removals', location: EXETER });
    expect(await matchedVendors(intent.id)).toEqual([unlisted.vendorId]);
    const item = await feedItem(unlisted, intent.id);
    expect(item?.reasons).toMatchObject({
      basis: 'CATEGORY_WORDS',
      category: null,
      needCategory: { code: 'moving.removals' },
    });
    expect(item?.reasons.words.length).toBe(1);
    expect(item?.reasons.explanation).toMatch(/You list no category/);
    expect(item!.score).toBeLessThanOrEqual(0.5);
    expect(await feedItem(otherTrade, intent.id)).toBeUndefined();
  });

  it('reads misspellings and word forms: "Hamond orgen", "Hammond organs", "Thached roof repare", "Rockinghorse restorasion"', async () => {
    const hammond = await vendorWithProfile(stack, 'Tonewheel Workshop', {
      description: 'Restoration and servicing of Hammond organs and Leslie speakers.',
      keywords: ['Hammond organ', 'tonewheel'],
      serviceArea: area(NORWICH, 120),
    });
    const thatcher = await vendorWithProfile(stack, 'Broadland Thatchers', {
      description: 'Thatched roof repairs, ridges and full rethatching in water reed.',
      keywords: ['thatching', 'thatched roof'],
      serviceArea: area(NORWICH),
    });
    const rockingHorses = await vendorWithProfile(stack, 'Dapple Grey Workshop', {
      description: 'Rocking horse restoration: carving, gesso and new manes.',
      keywords: ['rocking horse'],
      serviceArea: area(NORWICH),
    });
    const roofer = await vendorWithProfile(stack, 'Norwich Roofing', {
      categoryCodes: ['home_repair.roofing'],
      description: 'Roof repairs, slates and tiles.',
      serviceArea: area(NORWICH),
    });
    const restorer = await vendorWithProfile(stack, 'Norwich Furniture Restoration', {
      categoryCodes: ['home_repair.furniture_restoration'],
      description: 'Antique furniture restoration and French polishing.',
      serviceArea: area(NORWICH),
    });
    for (const [title, expected] of [
      ['Hamond orgen', hammond],
      ['Hammond organs', hammond],
      ['Thached roof repare', thatcher],
      ['Rockinghorse restorasion', rockingHorses],
    ] as const) {
      const intent = await openIntent({ title, location: NORWICH });
      expect({ title, matched: await matchedVendors(intent.id) }).toEqual({ title, matched: [expected.vendorId] });
    }
    const intent = await openIntent({ title: 'Hamond orgen', location: NORWICH });
    const item = await feedItem(hammond, intent.id);
    expect(item?.reasons.basis).toBe('NEED_WORDS');
    expect(item?.reasons.wordMatches).toEqual(
      expect.arrayContaining([
        { word: 'Hamond', readAs: 'hammond', kind: 'SPELLING', inNameOrKeywords: true, vendorsInReach: 1 },
        { word: 'orgen', readAs: 'organ', kind: 'SPELLING', inNameOrKeywords: true, vendorsInReach: 1 },
      ]),
    );
    expect(item?.reasons.explanation).toMatch(/"orgen" \(read as "organ"\)/);
    expect(await feedItem(roofer, intent.id)).toBeUndefined();
    expect(await feedItem(restorer, intent.id)).toBeUndefined();
  });

  it('never matches on filler or places, even a national specialist that writes "service" everywhere', async () => {
    const national = await vendorWithProfile(stack, 'Harpsichord Service', {
      description: 'A professional, reliable harpsichord service for your house, with local help across the UK.',
      keywords: ['harpsichord', 'service'],
      serviceArea: null,
    });
    const local = await vendorWithProfile(stack, 'Carlisle Clock Repairs', {
      description: 'Clock repairs in Carlisle.',
      keywords: ['clock repair'],
      serviceArea: area(CARLISLE),
    });
    const intent = await openIntent({
      title: 'Reliable professional service needed in Carlisle',
      description: 'Local help for our house please, Carlisle CA1.',
      location: CARLISLE,
    });
    expect(await matchedVendors(intent.id)).toEqual([]);
    const clock = await openIntent({ title: 'Clock repair in Carlisle, reliable service please', location: CARLISLE });
    expect(await matchedVendors(clock.id)).toEqual([local.vendorId]);
    expect(await feedItem(national, clock.id)).toBeUndefined();
  });

  it('weighs a word by the vendors in reach: one most local vendors use says nothing there', async () => {
    // Every vendor around Truro writes "Cornish"; only one of them mends clocks.
    const cornish = await Promise.all(
      ['Cornish Cream Teas', 'Cornish Pasties', 'Cornish Surf School', 'Cornish Gardens', 'Cornish Cottages'].map(
        (name) =>
          vendorWithProfile(stack, name, { description: `${name}, the Cornish way.`, serviceArea: area(TRURO) }),
      ),
    );
    const clocks = await vendorWithProfile(stack, 'Cornish Clocks', {
      description: 'Cornish longcase clocks restored.',
      keywords: ['longcase clock'],
      serviceArea: area(TRURO),
    });
    const intent = await openIntent({ title: 'Cornish longcase clock restoration', location: TRURO });
    expect(await matchedVendors(intent.id)).toEqual([clocks.vendorId]);
    for (const vendor of cornish) expect(await feedItem(vendor, intent.id)).toBeUndefined();
    const [match] = await matchesOf(intent.id);
    const cornishWord = (match.reasons.wordMatches as Array<{ word: string }>).find((m) => m.word === 'Cornish');
    expect(cornishWord).toBeUndefined();
  });

  it('sends a need with two vendors that fit to those two: K is a ceiling, not a quota', async () => {
    const fitting = await Promise.all(
      ['Granite City Farriers', 'Deeside Farrier'].map((name) =>
        vendorWithProfile(stack, name, {
          description: 'Registered farrier: shoeing and hoof trimming.',
          keywords: ['farrier'],
          serviceArea: area(ABERDEEN),
        }),
      ),
    );
    await Promise.all(
      ['Aberdeen Plumbing', 'Aberdeen Pet Sitting', 'Aberdeen Taxis'].map((name) =>
        vendorWithProfile(stack, name, { description: `${name}: reliable local help.`, serviceArea: area(ABERDEEN) }),
      ),
    );
    const intent = await openIntent({ title: 'Farrier for two ponies', location: ABERDEEN });
    expect(await matchedVendors(intent.id)).toEqual(fitting.map((vendor) => vendor.vendorId).sort());
  });

  it('matches an open intent again when its needs change, telling only the vendors it newly reaches', async () => {
    const GLASGOW = { lat: 55.8642, lng: -4.2518 };
    const removals = await vendorWithProfile(stack, 'Clyde Removals', {
      categoryCodes: ['moving.removals'],
      serviceArea: area(GLASGOW),
    });
    const cleaners = await vendorWithProfile(stack, 'Clyde Cleaners', {
      categoryCodes: ['moving.cleaning'],
      serviceArea: area(GLASGOW),
    });
    const intent = await openIntent({
      title: 'Moving out',
      location: GLASGOW,
      components: [{ title: 'Removals', categoryCode: 'moving.removals' }],
    });
    expect(await matchedVendors(intent.id)).toEqual([removals.vendorId]);
    const updated = await stack.gql(
      `mutation ($id: ID!, $input: UpdateIntentInput!) { updateIntent(id: $id, input: $input) { matching { state } } }`,
      {
        id: intent.id,
        input: {
          components: [
            { id: intent.components[0].id, title: 'Removals', categoryCode: 'moving.removals' },
            { title: 'End of tenancy clean', categoryCode: 'moving.cleaning' },
          ],
        },
      },
      individual.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateIntent.matching.state).toBe('PENDING');
    await stack.settle();
    expect(await matchedVendors(intent.id)).toEqual([removals.vendorId, cleaners.vendorId].sort());
    const told: Array<{ vendor: string; count: number }> = await stack.dataSource.query(
      `SELECT n->>'vendorId' AS vendor, count(*)::int AS count
         FROM outbox_events, jsonb_array_elements(payload->'notifications') AS n
        WHERE topic = 'notification' AND n->>'type' = 'match.created' AND n->>'intentId' = $1
        GROUP BY 1 ORDER BY 1`,
      [intent.id],
    );
    expect(told).toEqual([removals.vendorId!, cleaners.vendorId!].sort().map((vendor) => ({ vendor, count: 1 })));
    const status = await stack.gql(
      `query ($id: ID!) { intent(id: $id) { matching { state vendorCount } } }`,
      { id: intent.id },
      individual.token,
    );
    expect(status.data!.intent.matching).toEqual({ state: 'MATCHED', vendorCount: 2 });
  });

  it('matches each component on its own: a busy one does not crowd out a quiet one', async () => {
    const small = await startTestStack({ worker: true, env: { MATCH_TOP_K: '2' } });
    try {
      const owner = await signUp(small, 'INDIVIDUAL', 'Components Individual');
      const cleaners = [];
      for (const km of [1, 2, 3, 4]) {
        cleaners.push(
          await vendorWithProfile(small, `Inverness Cleaners ${km}`, {
            categoryCodes: ['moving.cleaning'],
            serviceArea: area({ lat: INVERNESS.lat + km / 111, lng: INVERNESS.lng }),
          }),
        );
      }
      const storage = await vendorWithProfile(small, 'Inverness Storage', {
        categoryCodes: ['moving.storage'],
        serviceArea: area(INVERNESS),
      });
      const intent = await openIntentOn(small, owner, {
        title: 'Moving out',
        location: INVERNESS,
        components: [
          { title: 'Clean', categoryCode: 'moving.cleaning' },
          { title: 'Storage', categoryCode: 'moving.storage' },
        ],
      });
      const rows = await storedMatches(small, intent.id);
      // The two nearest cleaners (K = 2 per component) and the storage firm.
      expect(rows.map((row) => row.vendor_id).sort()).toEqual(
        [cleaners[0].vendorId, cleaners[1].vendorId, storage.vendorId].sort(),
      );
    } finally {
      await small.close();
    }
  });
});

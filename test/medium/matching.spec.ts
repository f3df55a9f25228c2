import { IntentsService } from '@app/intents';
import { MatchingModule, MatchingService } from '@app/matching';
import { NotificationType } from '@app/notifications';
import { OutboxTopic } from '@app/outbox';
import { BRISTOL, LEEDS } from '../support/factories';
import { type MediumContext, newMediumContext } from '../support/medium';

/**
 * MatchingService.matchIntent on factory data, as the worker's match job calls it: which vendors are
 * stored as matches, why, what is announced, and that running it again changes nothing.
 */
describe('matching (medium)', () => {
  let ctx: MediumContext;
  let sut: MatchingService;

  beforeAll(async () => {
    ctx = await newMediumContext({ modules: [MatchingModule] });
    sut = ctx.get(MatchingService);
  });
  afterAll(() => ctx?.close());

  const storedMatches = (intentId: string) =>
    ctx.dataSource.query(
      `SELECT vendor_id, score, reasons FROM intent_matches WHERE intent_id = $1 ORDER BY score DESC, vendor_id`,
      [intentId],
    ) as Promise<Array<{ vendor_id: string; score: number; reasons: Record<string, any> }>>;

  /** Vendors told of a match on the intent, one entry per notification in the outbox. */
  const notifiedVendors = async (intentId: string): Promise<string[]> => {
    const rows: Array<{ vendor_id: string }> = await ctx.dataSource.query(
      `SELECT n->>'vendorId' AS vendor_id
         FROM outbox_events, jsonb_array_elements(payload->'notifications') AS n
        WHERE topic = $1 AND n->>'type' = $2 AND n->>'intentId' = $3::text`,
      [OutboxTopic.NOTIFICATION, NotificationType.MATCH_CREATED, intentId],
    );
    return rows.map((row) => row.vendor_id).sort();
  };

  const matchingOutcome = async (intentId: string) =>
    (await ctx.dataSource.query(`SELECT matching_outcome FROM intents WHERE id = $1`, [intentId]))[0].matching_outcome;

  it("matches a need's category family within reach, storing why, and tells exactly those vendors", async () => {
    const { newVendor, newIntent } = ctx.factories;
    const same = await newVendor({ name: 'Leeds Removals', categories: ['moving.removals'] });
    const narrower = await newVendor({ name: 'Leeds Piano Movers', categories: ['moving.removals.piano'] });
    const broader = await newVendor({ name: 'Leeds Moving Help', categories: ['moving'] });
    const sibling = await newVendor({ name: 'Leeds Van Hire', categories: ['moving.van_hire'] });
    const outOfReach = await newVendor({
      name: 'Bristol Removals',
      categories: ['moving.removals'],
      area: { ...BRISTOL, radiusKm: 40 },
    });
    const intent = await newIntent({ title: 'Move a three-bed house', category: 'moving.removals', location: LEEDS });

    const outcome = await sut.matchIntent(intent.id);

    const expected = [same.vendorId, narrower.vendorId, broader.vendorId].sort();
    expect([...outcome.newVendorIds].sort()).toEqual(expected);
    const matches = await storedMatches(intent.id);
    expect(matches.map((m) => m.vendor_id).sort()).toEqual(expected);
    const reasonsOf = (vendorId: string) => matches.find((m) => m.vendor_id === vendorId)!.reasons;
    const component = intent.components[0].id;
    expect(reasonsOf(same.vendorId)).toMatchObject({
      basis: 'CATEGORY',
      relation: 'SAME',
      categoryCode: 'moving.removals',
      needCategoryCode: 'moving.removals',
      componentId: component,
    });
    expect(reasonsOf(narrower.vendorId)).toMatchObject({ relation: 'NARROWER', categoryCode: 'moving.removals.piano' });
    expect(reasonsOf(broader.vendorId)).toMatchObject({ relation: 'BROADER', categoryCode: 'moving' });
    // The vendors sit at Leeds centre; the intent's coarse point is a grid cell centre a few hundred metres away.
    for (const match of matches) expect(match.reasons.distanceKm).toBeLessThan(5);
    // The right trade outranks its parent; a category match never scores like a word match (≤ 0.5).
    expect(matches[0].vendor_id).not.toBe(broader.vendorId);
    for (const match of matches) expect(match.score).toBeGreaterThan(0.5);

    expect(await notifiedVendors(intent.id)).toEqual(expected);
    expect(await matchingOutcome(intent.id)).toMatchObject({ state: 'matched', vendorCount: 3 });
    expect(matches.map((m) => m.vendor_id)).not.toContain(sibling.vendorId);
    expect(matches.map((m) => m.vendor_id)).not.toContain(outOfReach.vendorId);
  });

  it('is idempotent: a second run stores nothing and tells nobody again; a later vendor is told alone', async () => {
    const { newVendor, newIntent } = ctx.factories;
    const cardiff = { lat: 51.4816, lng: -3.1791 };
    const area = { ...cardiff, radiusKm: 25 };
    const first = await newVendor({ name: 'Cardiff Locksmiths', categories: ['home_repair.locksmith'], area });
    const second = await newVendor({ name: 'Valleys Locksmiths', categories: ['home_repair.locksmith'], area });
    const intent = await newIntent({ title: 'Locked out', category: 'home_repair.locksmith', location: cardiff });

    const once = await sut.matchIntent(intent.id);
    const matches = await storedMatches(intent.id);
    const again = await sut.matchIntent(intent.id);

    expect(once.newVendorIds.sort()).toEqual([first.vendorId, second.vendorId].sort());
    expect(again.newVendorIds).toEqual([]);
    expect(again.candidates.map((c) => c.vendorId).sort()).toEqual(once.newVendorIds.sort());
    expect(await storedMatches(intent.id)).toEqual(matches);
    expect(await notifiedVendors(intent.id)).toEqual([first.vendorId, second.vendorId].sort());

    const late = await newVendor({ name: 'Late Locksmiths', categories: ['home_repair.locksmith'], area });
    const third = await sut.matchIntent(intent.id);
    expect(third.newVendorIds).toEqual([late.vendorId]);
    expect(await notifiedVendors(intent.id)).toEqual([first.vendorId, second.vendorId, late.vendorId].sort());
    expect(await matchingOutcome(intent.id)).toMatchObject({ state: 'matched', vendorCount: 3 });
  });

  it('matches a long-tail need by the words vendors use, misspellings read as the vendor word', async () => {
    const { newVendor, newIntent } = ctx.factories;
    const norwich = { lat: 52.6309, lng: 1.2974 };
    const area = { ...norwich, radiusKm: 30 };
    const organs = await newVendor({
      name: 'Wensum Organ Works',
      categories: [],
      keywords: ['Hammond organ', 'Leslie speakers'],
      description: 'Restoration of Hammond organs and tonewheel instruments',
      area,
    });
    const cakes = await newVendor({
      name: 'Norwich Party Cakes',
      categories: ['events.catering'],
      keywords: ['birthday cakes'],
      description: 'Cakes for every party, restoration of your faith in sponge',
      area,
    });
    const intent = await newIntent({
      title: 'Restore our Hamond orgen',
      description: 'It hums and one drawbar is stuck.',
      category: null,
      location: norwich,
    });

    await sut.matchIntent(intent.id);

    const matches = await storedMatches(intent.id);
    expect(matches.map((m) => m.vendor_id)).toEqual([organs.vendorId]);
    const [{ reasons, score }] = matches;
    expect(reasons).toMatchObject({ basis: 'NEED_WORDS', componentId: intent.components[0].id });
    expect(reasons.categoryCode ?? null).toBeNull();
    expect(score).toBeLessThanOrEqual(0.5);
    const orgen = reasons.wordMatches.find((word: { word: string }) => word.word.toLowerCase() === 'orgen');
    expect(orgen).toMatchObject({ kind: 'SPELLING', readAs: expect.stringMatching(/^organ/), named: true });
    // Words weigh by how many of the vendors reaching the intent use them: both of these, nobody else.
    expect(reasons.vendorsInReach).toBe(2);
    expect(matches.map((m) => m.vendor_id)).not.toContain(cakes.vendorId);
  });

  it('a vendor fitting several components is matched once, by its best fit', async () => {
    const { newVendor, newIntent } = ctx.factories;
    const hull = { lat: 53.7676, lng: -0.3274 };
    const both = await newVendor({
      name: 'Humber Moves',
      categories: ['moving.removals', 'moving.cleaning'],
      area: { ...hull, radiusKm: 20 },
    });
    const intent = await newIntent({
      title: 'Moving out',
      category: null,
      location: hull,
      components: [
        { title: 'End of tenancy clean', category: 'moving.cleaning' },
        { title: 'Piano moving', category: 'moving.removals.piano' },
      ],
    });
    await sut.matchIntent(intent.id);
    const matches = await storedMatches(intent.id);
    expect(matches).toHaveLength(1);
    // SAME (cleaning) is a better fit than BROADER (removals for piano moving).
    expect(matches[0]).toMatchObject({
      vendor_id: both.vendorId,
      reasons: { relation: 'SAME', categoryCode: 'moving.cleaning', componentId: intent.components[0].id },
    });
  });

  it('matches nothing for an intent that is not open (a draft, or withdrawn before the job ran)', async () => {
    const { newVendor, newIntent } = ctx.factories;
    const exeter = { lat: 50.7184, lng: -3.5339 };
    await newVendor({ categories: ['garden.tree_surgery'], area: { ...exeter, radiusKm: 20 } });
    const draft = await newIntent({ category: 'garden.tree_surgery', location: exeter, publish: false });
    const withdrawn = await newIntent({ category: 'garden.tree_surgery', location: exeter });
    await ctx.get(IntentsService).withdraw(withdrawn.owner.viewer, withdrawn.id);

    for (const intent of [draft, withdrawn]) {
      expect(await sut.matchIntent(intent.id)).toEqual({ intentId: intent.id, newVendorIds: [], candidates: [] });
      expect(await storedMatches(intent.id)).toEqual([]);
      expect(await notifiedVendors(intent.id)).toEqual([]);
    }
  });
});

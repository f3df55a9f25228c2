import { randomUUID } from 'node:crypto';
import { type AwardCommand, AwardsModule, AwardsService } from '@app/awards';
import { IntentStatus } from '@app/intents';
import { NotificationType } from '@app/notifications';
import { OfferStatus, OffersModule, OffersService } from '@app/offers';
import { OutboxTopic } from '@app/outbox';
import type { IntentRow, OfferRow, VendorRow } from '../support/factories';
import { type MediumContext, newMediumContext } from '../support/medium';
import { applicationTables, snapshotTables } from '../support/snapshot';

/**
 * AwardsService.award: one transaction that creates the engagements, accepts the chosen offers,
 * marks the others lost, awards the intent and records the notifications. It is all or nothing.
 */
describe('awards: all or nothing (medium)', () => {
  let ctx: MediumContext;
  let sut: AwardsService;
  let tables: string[];

  beforeAll(async () => {
    ctx = await newMediumContext({ modules: [AwardsModule, OffersModule] });
    sut = ctx.get(AwardsService);
    tables = await applicationTables(ctx.dataSource);
  });
  afterAll(() => ctx?.close());

  /** Every row of every table: equal before and after means the failed award wrote nothing. */
  const snapshot = () => snapshotTables(ctx.dataSource, tables);

  /** Removals and cleaning, £2,000 budget; three vendors: one per component, one for both. */
  async function market(): Promise<{
    intent: IntentRow;
    removals: OfferRow;
    cleaning: OfferRow;
    both: OfferRow;
    vendors: VendorRow[];
  }> {
    const { newIntent, newVendor, newOffer } = ctx.factories;
    const intent = await newIntent({
      budget: { amount: '2000', currency: 'GBP' },
      components: [
        { title: 'Removals', category: 'moving.removals' },
        { title: 'End of tenancy clean', category: 'moving.cleaning' },
      ],
    });
    const [removalsPart, cleaningPart] = intent.components;
    const vendors = [
      await newVendor({ name: 'Removals Only' }),
      await newVendor({ name: 'Cleaning Only', categories: ['moving.cleaning'] }),
      await newVendor({ name: 'Both Together', categories: ['moving.removals', 'moving.cleaning'] }),
    ];
    const removals = await newOffer({
      intent,
      vendor: vendors[0],
      lines: [{ componentId: removalsPart.id, amount: '900' }],
    });
    const cleaning = await newOffer({
      intent,
      vendor: vendors[1],
      lines: [{ componentId: cleaningPart.id, amount: '300' }],
    });
    const both = await newOffer({ intent, vendor: vendors[2], bundleTotal: '1150' });
    return { intent, removals, cleaning, both, vendors };
  }

  it('awards offers for different components together: engagements, accepted, lost, awarded, told', async () => {
    const { intent, removals, cleaning, both } = await market();

    const result = await sut.award(intent.owner.viewer, {
      intentId: intent.id,
      selections: [{ offerId: removals.id }, { offerId: cleaning.id, expectedVersionId: cleaning.version.id }],
    });

    expect(result.intent).toMatchObject({ status: IntentStatus.AWARDED, closedAt: expect.any(Date) });
    expect(
      result.engagements.map((e) => [e.offerId, e.vendorId, e.individualId, e.componentIds, e.totalMinor]).sort(),
    ).toEqual(
      [
        [removals.id, removals.vendor.vendorId, intent.owner.accountId, [intent.components[0].id], '90000'],
        [cleaning.id, cleaning.vendor.vendorId, intent.owner.accountId, [intent.components[1].id], '30000'],
      ].sort(),
    );
    const statuses = await ctx.get(OffersService).findByIds([removals.id, cleaning.id, both.id]);
    expect(Object.fromEntries(statuses.map((offer) => [offer.id, offer.status]))).toEqual({
      [removals.id]: OfferStatus.ACCEPTED,
      [cleaning.id]: OfferStatus.ACCEPTED,
      [both.id]: OfferStatus.LOST,
    });
    const told: Array<{ type: string; vendorId: string; offerId: string }> = await ctx.dataSource.query(
      `SELECT n->>'type' AS type, n->>'vendorId' AS "vendorId", n->>'offerId' AS "offerId"
         FROM outbox_events, jsonb_array_elements(payload->'notifications') AS n
        WHERE topic = $1 AND n->>'intentId' = $2::text AND n->>'type' IN ($3, $4)`,
      [OutboxTopic.NOTIFICATION, intent.id, NotificationType.OFFER_AWARDED, NotificationType.OFFER_LOST],
    );
    expect(told.sort((a, b) => a.offerId.localeCompare(b.offerId))).toEqual(
      [
        { type: NotificationType.OFFER_AWARDED, vendorId: removals.vendor.vendorId, offerId: removals.id },
        { type: NotificationType.OFFER_AWARDED, vendorId: cleaning.vendor.vendorId, offerId: cleaning.id },
        { type: NotificationType.OFFER_LOST, vendorId: both.vendor.vendorId, offerId: both.id },
      ].sort((a, b) => a.offerId.localeCompare(b.offerId)),
    );
  });

  it('writes nothing when any selection fails its checks, however far down the list', async () => {
    const { intent, removals, cleaning, both } = await market();
    const other = await market();
    const revised = await ctx.factories.newOffer({
      intent,
      lines: [{ componentId: intent.components[1].id, amount: '250' }],
    });
    await ctx.get(OffersService).revise(revised.vendor.viewer, revised.id, {
      lines: [{ componentId: intent.components[1].id, amount: '240' }],
      currency: 'GBP',
      validUntil: revised.version.validUntil,
    });
    const withdrawn = await ctx.factories.newOffer({
      intent,
      lines: [{ componentId: intent.components[1].id, amount: '200' }],
    });
    await ctx.get(OffersService).withdraw(withdrawn.vendor.viewer, withdrawn.id);
    const expensive = await ctx.factories.newOffer({
      intent,
      lines: [{ componentId: intent.components[1].id, amount: '1500' }],
    });

    const failures: Array<[string, AwardCommand['selections'], string, string | RegExp]> = [
      ['a withdrawn offer', [{ offerId: removals.id }, { offerId: withdrawn.id }], 'CONFLICT', /is withdrawn$/],
      [
        'an offer revised since it was seen',
        [{ offerId: removals.id }, { offerId: revised.id, expectedVersionId: revised.version.id }],
        'CONFLICT',
        /was revised since/,
      ],
      [
        'over the budget',
        [{ offerId: removals.id }, { offerId: expensive.id }],
        'CONFLICT',
        'The chosen offers total 2400.00 GBP, over the budget of 2000.00 GBP',
      ],
      [
        'one component twice',
        [{ offerId: removals.id }, { offerId: both.id }],
        'BAD_USER_INPUT',
        /bundle|same component/,
      ],
      [
        'part of a bundle',
        [{ offerId: both.id, componentIds: [intent.components[0].id] }],
        'BAD_USER_INPUT',
        'a bundle is only valid if taken whole',
      ],
      [
        'an offer on another intent',
        [{ offerId: cleaning.id }, { offerId: other.removals.id }],
        'BAD_USER_INPUT',
        'not an offer on this intent',
      ],
      ['the same offer twice', [{ offerId: removals.id }, { offerId: removals.id }], 'BAD_USER_INPUT', /once/],
    ];
    const before = await snapshot();
    for (const [what, selections, code, message] of failures) {
      const attempt = sut.award(intent.owner.viewer, { intentId: intent.id, selections });
      await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect([what, await snapshot()]).toEqual([what, before]);
    }
  });

  it('only the individual who posted the intent awards it; to anyone else it does not exist', async () => {
    const { intent, removals } = await market();
    const nosy = await ctx.factories.newIndividual();
    const command = { intentId: intent.id, selections: [{ offerId: removals.id }] };
    const before = await snapshot();
    await expect(sut.award(nosy.viewer, command)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.award(nosy.viewer, { ...command, intentId: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(sut.award(removals.vendor.viewer, command)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back engagements and offer changes when the last write of the award fails', async () => {
    const { intent, removals, cleaning } = await market();
    // A real failure late in the transaction: PostgreSQL refuses the intent's status change, after the
    // engagements were inserted and the offers accepted and lost. (This database is this file's own.)
    await ctx.dataSource.query(`
      CREATE FUNCTION medium_refuse_award() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'award refused by the medium test'; END $$;
      CREATE TRIGGER medium_refuse_award BEFORE UPDATE ON intents
        FOR EACH ROW WHEN (NEW.status = 'awarded') EXECUTE FUNCTION medium_refuse_award();`);
    const command = { intentId: intent.id, selections: [{ offerId: removals.id }, { offerId: cleaning.id }] };
    const before = await snapshot();
    try {
      await expect(sut.award(intent.owner.viewer, command)).rejects.toThrow('award refused by the medium test');
      expect(await snapshot()).toEqual(before);
    } finally {
      await ctx.dataSource.query(`DROP TRIGGER medium_refuse_award ON intents; DROP FUNCTION medium_refuse_award();`);
    }
    // The same award goes through once nothing stands in its way.
    const { engagements } = await sut.award(intent.owner.viewer, command);
    expect(engagements).toHaveLength(2);
  });

  it('of two awards racing on one intent, exactly one is written', async () => {
    const { intent, removals, both } = await market();
    const results = await Promise.allSettled([
      sut.award(intent.owner.viewer, { intentId: intent.id, selections: [{ offerId: removals.id }] }),
      sut.award(intent.owner.viewer, { intentId: intent.id, selections: [{ offerId: both.id }] }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT', message: 'An intent that is awarded cannot be awarded' });
    const engagements: Array<{ offer_id: string }> = await ctx.dataSource.query(
      `SELECT offer_id FROM engagements WHERE intent_id = $1`,
      [intent.id],
    );
    expect(engagements).toHaveLength(1);
  });
});

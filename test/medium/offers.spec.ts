import { randomUUID } from 'node:crypto';
import { type Viewer } from '@app/accounts';
import { IntentsService, IntentStatus } from '@app/intents';
import { NotificationType } from '@app/notifications';
import { OfferStatus, OffersModule, OffersService, type OfferTermsCommand } from '@app/offers';
import { OutboxTopic } from '@app/outbox';
import { type IntentRow, type VendorRow, inDays } from '../support/factories';
import { type MediumContext, newMediumContext } from '../support/medium';

/** OffersService against PostgreSQL: making, revising and withdrawing offers, and their sealing. */
describe('offers (medium)', () => {
  let ctx: MediumContext;
  let sut: OffersService;

  beforeAll(async () => {
    ctx = await newMediumContext({ modules: [OffersModule] });
    sut = ctx.get(OffersService);
  });
  afterAll(() => ctx?.close());

  const terms = (intent: IntentRow, amount = '250'): OfferTermsCommand => ({
    lines: intent.components.map((component) => ({ componentId: component.id, amount })),
    currency: 'GBP',
    validUntil: inDays(3),
  });

  const outboxNotifications = async (intentId: string) => {
    const rows: Array<{ payload: { notifications: Array<Record<string, unknown>> } }> = await ctx.dataSource.query(
      `SELECT payload FROM outbox_events WHERE topic = $1 ORDER BY id`,
      [OutboxTopic.NOTIFICATION],
    );
    return rows.flatMap((row) => row.payload.notifications).filter((n) => n.intentId === intentId);
  };

  describe('make', () => {
    it('stores version 1, tells the owner and asks for the solutions to be recomputed', async () => {
      const { newIntent, newVendor, newMatch } = ctx.factories;
      const intent = await newIntent({
        components: [
          { title: 'Removals', category: 'moving.removals' },
          { title: 'Cleaning', category: 'moving.cleaning' },
        ],
      });
      const vendor = await newVendor();
      await newMatch({ intent, vendor });

      const offer = await sut.make(vendor.viewer, { intentId: intent.id, ...terms(intent, '300') });

      expect(offer).toMatchObject({
        intentId: intent.id,
        vendorId: vendor.vendorId,
        status: 'active',
        currentVersion: 1,
      });
      const [version] = await sut.currentVersions([offer.id]);
      expect(version).toMatchObject({ version: 1, totalMinor: '60000', currency: 'GBP', isBundle: false });
      expect(await outboxNotifications(intent.id)).toEqual([
        {
          type: NotificationType.OFFER_RECEIVED,
          accountId: intent.owner.accountId,
          intentId: intent.id,
          offerId: offer.id,
        },
      ]);
      const [{ assembly_requested_version }] = await ctx.dataSource.query(
        `SELECT assembly_requested_version FROM intents WHERE id = $1`,
        [intent.id],
      );
      expect(assembly_requested_version).toBe(1);
    });

    it('returns the same offer for a retry with the same idempotency key', async () => {
      const { newIntent, newVendor, newMatch } = ctx.factories;
      const intent = await newIntent();
      const vendor = await newVendor();
      await newMatch({ intent, vendor });
      const command = { intentId: intent.id, ...terms(intent), idempotencyKey: 'offer-1' };
      const first = await sut.make(vendor.viewer, command);
      const again = await sut.make(vendor.viewer, command);
      expect(again.id).toBe(first.id);
      const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int FROM offers WHERE intent_id = $1`, [
        intent.id,
      ]);
      expect(count).toBe(1);
    });

    it('is refused to a vendor the intent was not matched to, as if the intent did not exist', async () => {
      const { newIntent, newVendor } = ctx.factories;
      const intent = await newIntent();
      const stranger = await newVendor();
      await expect(sut.make(stranger.viewer, { intentId: intent.id, ...terms(intent) })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Intent not found',
      });
      await expect(sut.make(stranger.viewer, { intentId: randomUUID(), ...terms(intent) })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Intent not found',
      });
    });

    it('is refused to individuals, on a declined intent and on a closed one', async () => {
      const { newIntent, newVendor, newMatch } = ctx.factories;
      const intent = await newIntent();
      await expect(sut.make(intent.owner.viewer, { intentId: intent.id, ...terms(intent) })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      const decliner = await newVendor();
      await newMatch({ intent, vendor: decliner });
      await ctx.dataSource.query(
        `UPDATE intent_matches SET declined_at = now() WHERE intent_id = $1 AND vendor_id = $2`,
        [intent.id, decliner.vendorId],
      );
      await expect(sut.make(decliner.viewer, { intentId: intent.id, ...terms(intent) })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'You declined this intent',
      });

      const late = await newVendor();
      await newMatch({ intent, vendor: late });
      await ctx.get(IntentsService).withdraw(intent.owner.viewer, intent.id);
      await expect(sut.make(late.viewer, { intentId: intent.id, ...terms(intent) })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'The intent is no longer open for offers',
      });
      const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int FROM offers WHERE intent_id = $1`, [
        intent.id,
      ]);
      expect(count).toBe(0);
    });

    it('validates the terms against the intent, naming the field', async () => {
      const { newIntent, newVendor, newMatch } = ctx.factories;
      const intent = await newIntent({
        budget: { amount: '1000', currency: 'GBP' },
        components: [{ title: 'Removals', category: 'moving.removals' }, { title: 'Cleaning' }],
      });
      const other = await newIntent();
      const vendor = await newVendor();
      await newMatch({ intent, vendor });
      const [removals, cleaning] = intent.components;
      const make = (changes: Partial<OfferTermsCommand>) =>
        sut.make(vendor.viewer, { intentId: intent.id, ...terms(intent), ...changes });

      const cases: Array<[Partial<OfferTermsCommand>, string]> = [
        [{ currency: 'EUR' }, 'input.currency'],
        [{ validUntil: new Date(Date.now() - 1000) }, 'input.validUntil'],
        [{ lines: [] }, 'input.lines'],
        [{ lines: [{ componentId: other.components[0].id, amount: '10' }] }, 'input.lines.0.componentId'],
        [
          {
            lines: [
              { componentId: removals.id, amount: '10' },
              { componentId: removals.id, amount: '10' },
            ],
          },
          'input.lines.1.componentId',
        ],
        [{ lines: [{ componentId: cleaning.id }] }, 'input.lines.0.amount'],
        [{ isBundle: true, total: '500', lines: [{ componentId: removals.id }] }, 'input.lines'],
        [{ isBundle: true, lines: [{ componentId: removals.id }, { componentId: cleaning.id }] }, 'input.total'],
        [{ total: '1.00' }, 'input.total'],
      ];
      for (const [changes, field] of cases) {
        await expect(make(changes)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
      }
      const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int FROM offers WHERE intent_id = $1`, [
        intent.id,
      ]);
      expect(count).toBe(0);
    });
  });

  describe('revise and withdraw', () => {
    let intent: IntentRow;
    let vendor: VendorRow;
    let rival: VendorRow;

    beforeAll(async () => {
      intent = await ctx.factories.newIntent();
      vendor = await ctx.factories.newVendor({ name: 'Careful Removals' });
      rival = await ctx.factories.newVendor({ name: 'Rival Removals' });
    });

    it('a revision is a new version; the earlier ones stay listable', async () => {
      const { id } = await ctx.factories.newOffer({ intent, vendor, amounts: ['400'] });
      const revised = await sut.revise(vendor.viewer, id, terms(intent, '350'));
      expect(revised.currentVersion).toBe(2);
      const versions = await sut.listVersions(vendor.viewer, id, { first: 10 });
      expect(versions.nodes.map((v) => [v.version, v.totalMinor]).sort()).toEqual([
        [1, '40000'],
        [2, '35000'],
      ]);
      const [current] = await sut.currentVersions([id]);
      expect(current).toMatchObject({ version: 2, totalMinor: '35000' });
    });

    it("nobody but its vendor revises or withdraws an offer, and another's looks like a missing one", async () => {
      const offer = await ctx.factories.newOffer({ intent, vendor });
      await ctx.factories.newMatch({ intent, vendor: rival });
      for (const attempt of [
        () => sut.revise(rival.viewer, offer.id, terms(intent, '1')),
        () => sut.withdraw(rival.viewer, offer.id),
        () => sut.withdraw(rival.viewer, randomUUID()),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Offer not found' });
      }
      await expect(sut.withdraw(intent.owner.viewer, offer.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await sut.findVisible(vendor.viewer, offer.id)).status).toBe(OfferStatus.ACTIVE);
      expect((await sut.currentVersions([offer.id]))[0].version).toBe(1);
    });

    it('a withdrawn offer can be neither revised nor withdrawn again', async () => {
      const { id } = await ctx.factories.newOffer({ intent, vendor });
      expect((await sut.withdraw(vendor.viewer, id)).status).toBe(OfferStatus.WITHDRAWN);
      await expect(sut.revise(vendor.viewer, id, terms(intent))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'An offer that is withdrawn cannot be revised',
      });
      await expect(sut.withdraw(vendor.viewer, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('an active offer cannot be revised once the intent closed, but can still be withdrawn', async () => {
      const closing = await ctx.factories.newIntent();
      const { id } = await ctx.factories.newOffer({ intent: closing, vendor });
      await ctx.get(IntentsService).withdraw(closing.owner.viewer, closing.id);
      await expect(sut.revise(vendor.viewer, id, terms(closing))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await sut.withdraw(vendor.viewer, id)).status).toBe(OfferStatus.WITHDRAWN);
      const [{ status }] = await ctx.dataSource.query(`SELECT status FROM intents WHERE id = $1`, [closing.id]);
      expect(status).toBe(IntentStatus.WITHDRAWN);
    });
  });

  describe('sealing', () => {
    let intent: IntentRow;
    let alpha: VendorRow;
    let beta: VendorRow;
    let alphaOffer: string;
    let betaOffer: string;
    let nosy: Viewer;

    beforeAll(async () => {
      const { newIntent, newVendor, newOffer, newIndividual } = ctx.factories;
      intent = await newIntent({ budget: { amount: '2000', currency: 'GBP' } });
      alpha = await newVendor({ name: 'Alpha Removals' });
      beta = await newVendor({ name: 'Beta Removals' });
      alphaOffer = (await newOffer({ intent, vendor: alpha, amounts: ['900'] })).id;
      betaOffer = (await newOffer({ intent, vendor: beta, amounts: ['800'] })).id;
      nosy = (await newIndividual({ name: 'Nosy Neighbour' })).viewer;
    });

    it('a vendor cannot see another vendor’s offer: it answers exactly like a missing one', async () => {
      const hidden = sut.findVisible(beta.viewer, alphaOffer);
      const missing = sut.findVisible(beta.viewer, randomUUID());
      await expect(hidden).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Offer not found' });
      await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Offer not found' });
      await expect(sut.listVersions(beta.viewer, alphaOffer, { first: 5 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('a vendor lists only its own offers on the intent; the owner lists all; nobody else any', async () => {
      const ids = async (viewer: Viewer) =>
        (await sut.listForIntent(viewer, intent.id, { first: 10 })).nodes.map((offer) => offer.id).sort();
      expect(await ids(alpha.viewer)).toEqual([alphaOffer]);
      expect(await ids(beta.viewer)).toEqual([betaOffer]);
      expect(await ids(intent.owner.viewer)).toEqual([alphaOffer, betaOffer].sort());
      await expect(ids(nosy)).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const [alphaPage] = await sut.firstPagesForIntents(alpha.viewer, [intent.id], 10);
      expect(alphaPage.nodes.map((offer) => offer.id)).toEqual([alphaOffer]);
      const [nosyPage] = await sut.firstPagesForIntents(nosy, [intent.id], 10);
      expect(nosyPage.nodes).toEqual([]);
    });

    it('only the owner compares offers; vendors and other individuals cannot', async () => {
      const comparison = await sut.compare(intent.owner.viewer, intent.id);
      expect(JSON.stringify(comparison)).toContain(alphaOffer);
      expect(JSON.stringify(comparison)).toContain(betaOffer);
      await expect(sut.compare(alpha.viewer, intent.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sut.compare(nosy, intent.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('a vendor’s own offer list holds no rival’s offer', async () => {
      const own = await sut.listOwn(beta.viewer, { first: 50 });
      expect(own.nodes.map((offer) => offer.vendorId)).toEqual(own.nodes.map(() => beta.vendorId));
      expect(own.nodes.map((offer) => offer.id)).toContain(betaOffer);
      await expect(sut.listOwn(intent.owner.viewer, { first: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});

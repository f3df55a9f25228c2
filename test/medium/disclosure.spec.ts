import {
  ConsentReceiptsService,
  DataUseLogService,
  DisclosureGrantsService,
  DisclosureModule,
  DisclosurePolicyService,
  DisclosureReader,
  DisclosureStage,
  STAGE_PURPOSE,
} from '@app/disclosure';
import { AppError } from '@app/common';
import { OffersModule } from '@app/offers';
import type { IndividualRow, IntentRow, VendorRow } from '../support/factories';
import { type MediumContext, newMediumContext } from '../support/medium';

/**
 * DisclosureReader, the only way a vendor reads an individual's personal data: every read, and
 * every refused attempt, is in the data-use log, written in the read's own transaction.
 */
describe('disclosure: vendor reads and the data-use log (medium)', () => {
  let ctx: MediumContext;
  let sut: DisclosureReader;
  let individual: IndividualRow;
  let intent: IntentRow;
  let vendor: VendorRow;
  let stranger: VendorRow;

  const ACCESS_PATH = 'medium.disclosure';

  beforeAll(async () => {
    // Offers too: making an offer is how a vendor reaches the offer stage.
    ctx = await newMediumContext({ modules: [DisclosureModule, OffersModule] });
    sut = ctx.get(DisclosureReader);
    const { newIndividual, newIntent, newVendor, newMatch, newVaultItem } = ctx.factories;
    individual = await newIndividual({ name: 'Private Person' });
    await newVaultItem({ owner: individual, key: 'email', value: 'private.person@example.test' });
    await newVaultItem({ owner: individual, key: 'phone', value: '+44 113 496 0000' });
    await newVaultItem({ owner: individual, key: 'legal_name', value: 'Private Q. Person' });
    intent = await newIntent({ owner: individual });
    await ctx.get(DisclosurePolicyService).setPolicy(individual.viewer, intent.id, {
      broadcast: ['email'],
      offer: ['phone'],
      award: ['legal_name'],
    });
    vendor = await newVendor({ name: 'Matched Removals' });
    stranger = await newVendor({ name: 'Unmatched Removals' });
    await newMatch({ intent, vendor });
  });
  afterAll(() => ctx?.close());

  const logRows = (intentId: string) =>
    ctx.dataSource.query(
      `SELECT individual_id, vendor_id, intent_id, item_keys, purpose, outcome, detail, access_path
         FROM data_use_log WHERE intent_id = $1 ORDER BY created_at, id`,
      [intentId],
    );

  const read = async (as: VendorRow | IndividualRow) => {
    const [result] = await sut.readForVendor(as.viewer, [intent.id], ACCESS_PATH);
    return result;
  };

  it('refuses a matched vendor that has not accepted the privacy terms, and logs the refusal', async () => {
    const result = await read(vendor);
    expect(result).toBeInstanceOf(AppError);
    expect(result).toMatchObject({ code: 'FORBIDDEN' });
    expect(await logRows(intent.id)).toEqual([
      {
        individual_id: individual.accountId,
        vendor_id: vendor.vendorId,
        intent_id: intent.id,
        item_keys: ['email'],
        purpose: 'Refused read',
        outcome: 'denied',
        detail: 'terms_not_accepted',
        access_path: ACCESS_PATH,
      },
    ]);
  });

  it('logs every read of a vendor that accepted the terms: who, what, for which intent and why', async () => {
    await ctx.get(DisclosurePolicyService).acceptTerms(vendor.viewer, intent.id);
    const before = (await logRows(intent.id)).length;

    expect(await read(vendor)).toEqual([
      { key: 'email', value: 'private.person@example.test', sensitivity: 'contact', stage: DisclosureStage.BROADCAST },
    ]);
    await read(vendor);

    const rows = (await logRows(intent.id)).slice(before);
    const logged = {
      individual_id: individual.accountId,
      vendor_id: vendor.vendorId,
      intent_id: intent.id,
      item_keys: ['email'],
      purpose: STAGE_PURPOSE[DisclosureStage.BROADCAST],
      outcome: 'read',
      detail: null,
      access_path: ACCESS_PATH,
    };
    expect(rows).toEqual([logged, logged]);
    // The individual sees them (newest first), as the API's dataUseLog lists them.
    const page = await ctx.get(DataUseLogService).list(individual.viewer, { first: 10, intentId: intent.id });
    expect(page.nodes.slice(0, 2).map((entry) => [entry.vendorId, entry.outcome, entry.itemKeys])).toEqual([
      [vendor.vendorId, 'read', ['email']],
      [vendor.vendorId, 'read', ['email']],
    ]);
    // A read writes no grant: the match's stage change syncs them (the worker does, from the
    // match's outbox event; here, as it would), each with its consent receipt.
    const grantsService = ctx.get(DisclosureGrantsService);
    expect((await grantsService.listForIndividual(individual.viewer, { first: 10 })).nodes).toEqual([]);
    await grantsService.stageChanged([{ intentId: intent.id, vendorIds: [vendor.vendorId] }]);
    const grants = await grantsService.listForIndividual(individual.viewer, { first: 10 });
    const receipts = await ctx.get(ConsentReceiptsService).list(individual.viewer, { first: 10 });
    expect(grants.nodes.map((grant) => [grant.vendorId, grant.stage, grant.itemKeys])).toEqual([
      [vendor.vendorId, DisclosureStage.BROADCAST, ['email']],
    ]);
    expect(receipts.nodes.map((receipt) => receipt.grantId)).toEqual(grants.nodes.map((grant) => grant.id));
  });

  it('a vendor that offers reaches the offer stage: the read and its log name both stages’ items', async () => {
    await ctx.factories.newOffer({ intent, vendor });
    const before = (await logRows(intent.id)).length;
    const items = await read(vendor);
    expect(items).toEqual([
      expect.objectContaining({ key: 'email', stage: DisclosureStage.BROADCAST }),
      expect.objectContaining({ key: 'phone', value: '+44 113 496 0000', stage: DisclosureStage.OFFER }),
    ]);
    const [row] = (await logRows(intent.id)).slice(before);
    expect(row).toMatchObject({
      item_keys: ['email', 'phone'],
      outcome: 'read',
      purpose: `${STAGE_PURPOSE[DisclosureStage.BROADCAST]}; ${STAGE_PURPOSE[DisclosureStage.OFFER]}`,
    });
  });

  it('an unmatched vendor is answered as if the intent did not exist, and there is nothing of theirs to log', async () => {
    const before = await logRows(intent.id);
    const result = await read(stranger);
    expect(result).toMatchObject({ code: 'NOT_FOUND', message: 'Intent not found' });
    expect(await logRows(intent.id)).toEqual(before);
  });

  it('only vendors read disclosed data; only the individual lists their log', async () => {
    const before = await logRows(intent.id);
    expect(await read(individual)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await logRows(intent.id)).toEqual(before);

    const log = ctx.get(DataUseLogService);
    const other = await ctx.factories.newIndividual();
    expect((await log.list(other.viewer, { first: 10, intentId: intent.id })).nodes).toEqual([]);
    await expect(log.list(vendor.viewer, { first: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('after the individual revokes the grant, each read is refused and logged as refused', async () => {
    const grants = ctx.get(DisclosureGrantsService);
    const { nodes } = await grants.listForIndividual(individual.viewer, { first: 10, vendorId: vendor.vendorId });
    const active = nodes.find((grant) => grant.endedAt === null)!;
    await grants.revoke(individual.viewer, active.id);
    const before = (await logRows(intent.id)).length;

    expect(await read(vendor)).toMatchObject({ code: 'FORBIDDEN' });
    const [row] = (await logRows(intent.id)).slice(before);
    expect(row).toMatchObject({
      outcome: 'denied',
      detail: 'revoked',
      purpose: 'Refused read',
      vendor_id: vendor.vendorId,
    });
    expect(row.item_keys).toEqual(expect.arrayContaining(['email']));
  });
});

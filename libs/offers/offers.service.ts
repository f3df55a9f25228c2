import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { type Page, badInput, conflict, forbidden, notFound, parseAmount, requireId } from '@app/common';
import { AccountKind, type Viewer, requireVendor, IdempotencyService } from '@app/accounts';
import { type PageRequest, firstPagesByParent, keysetPage, findEntities, queryRows } from '@app/database';
import {
  IntentComponent,
  Intent,
  IntentStatus,
  IntentsService,
  requestAssembly,
  AssemblyChangeKind,
} from '@app/intents';
import { DisclosureGrantsService } from '@app/disclosure';
import { NotificationType } from '@app/notifications';
import { recordNotifications } from '@app/outbox';
import { Vendor } from '@app/vendors';
import { type OfferComparisonRows, compareOffers } from './offer-comparison';
import { type OfferLine, OfferVersion } from './offer-version.entity';
import { Offer, OfferStatus } from './offer.entity';

export interface OfferLineCommand {
  componentId: string;
  /** Price of this component alone; required unless the offer is a bundle. */
  amount?: string | null;
  description?: string | null;
}

export interface OfferTermsCommand {
  lines: OfferLineCommand[];
  currency: string;
  /** Required for a bundle; for a per-component offer it must equal the sum of the lines if given. */
  total?: string | null;
  isBundle?: boolean | null;
  validUntil: Date;
  message?: string | null;
}

export interface MakeOfferCommand extends OfferTermsCommand {
  intentId: string;
  idempotencyKey?: string | null;
}

@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsService,
    private readonly idempotency: IdempotencyService,
    private readonly disclosureGrants: DisclosureGrantsService,
  ) {}

  /**
   * A vendor's rating changed (VendorsService.setRating's VENDOR_RATING_CHANGED event): the open
   * intents it has an active offer on have their solutions recomputed.
   */
  async vendorRatingChanged(vendorId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const intents = await queryRows<{ intent_id: string }>(
        manager,
        `SELECT DISTINCT o.intent_id FROM offers o JOIN intents i ON i.id = o.intent_id
          WHERE o.vendor_id = $1 AND o.status = 'active' AND i.status = 'open'`,
        [requireId(vendorId, 'vendorId')],
      );
      await requestAssembly(
        manager,
        intents.map((row) => ({
          intentId: row.intent_id,
          change: { kind: AssemblyChangeKind.VENDOR_RATING, vendorId },
        })),
      );
    });
  }

  async make(viewer: Viewer, command: MakeOfferCommand): Promise<Offer> {
    const vendorId = requireVendor(viewer, 'make offers');
    const intent = await this.intents.findVisible(viewer, command.intentId);
    const components = await this.intents.componentsByIntentIds([intent.id]);
    const version = this.validateTerms(command, intent, components);
    const { id } = await this.idempotency.run(
      viewer.accountId,
      'makeOffer',
      command.idempotencyKey,
      { ...command, idempotencyKey: undefined },
      async (manager) => {
        await this.lockOpenIntent(manager, intent.id);
        const declined = await manager.query(
          `SELECT 1 FROM intent_matches WHERE intent_id = $1 AND vendor_id = $2 AND declined_at IS NOT NULL`,
          [intent.id, vendorId],
        );
        if (declined.length > 0) throw conflict('You declined this intent');
        const offer = await manager.save(manager.create(Offer, { intentId: intent.id, vendorId, currentVersion: 1 }));
        await manager.insert(OfferVersion, { ...version, offerId: offer.id, version: 1 });
        // The vendor reached the offer stage: its offer-stage grant (and receipt) commit with the offer.
        await this.disclosureGrants.syncIntent(manager, intent.id, [vendorId]);
        await requestAssembly(manager, [
          { intentId: intent.id, change: { kind: AssemblyChangeKind.OFFER_MADE, vendorId, offerId: offer.id } },
        ]);
        await this.notifyOwner(manager, intent, offer.id);
        return offer.id;
      },
    );
    return this.findVisible(viewer, id);
  }

  /** A revision is a new version; earlier versions stay listable. */
  async revise(viewer: Viewer, offerId: string, command: OfferTermsCommand): Promise<Offer> {
    const vendorId = requireVendor(viewer, 'make offers');
    await this.dataSource.transaction(async (manager) => {
      const { offer, intent } = await this.lockOwn(manager, vendorId, offerId);
      if (offer.status !== OfferStatus.ACTIVE) throw conflict(`An offer that is ${offer.status} cannot be revised`);
      this.assertOpen(intent);
      const components = await manager.find(IntentComponent, { where: { intentId: intent.id } });
      const version = this.validateTerms(command, intent, components);
      const next = offer.currentVersion + 1;
      await manager.insert(OfferVersion, { ...version, offerId: offer.id, version: next });
      await manager.update(Offer, { id: offer.id }, { currentVersion: next });
      await requestAssembly(manager, [
        { intentId: intent.id, change: { kind: AssemblyChangeKind.OFFER_REVISED, vendorId, offerId: offer.id } },
      ]);
      await this.notifyOwner(manager, intent, offer.id);
    });
    return this.findVisible(viewer, offerId);
  }

  async withdraw(viewer: Viewer, offerId: string): Promise<Offer> {
    const vendorId = requireVendor(viewer, 'make offers');
    await this.dataSource.transaction(async (manager) => {
      const { offer, intent } = await this.lockOwn(manager, vendorId, offerId);
      if (offer.status !== OfferStatus.ACTIVE) throw conflict(`An offer that is ${offer.status} cannot be withdrawn`);
      await manager.update(Offer, { id: offer.id }, { status: OfferStatus.WITHDRAWN });
      // Without an active offer the vendor leaves the offer stage: that grant lapses now.
      await this.disclosureGrants.syncIntent(manager, intent.id, [vendorId]);
      if (intent.status === IntentStatus.OPEN) {
        await requestAssembly(manager, [
          { intentId: intent.id, change: { kind: AssemblyChangeKind.OFFER_WITHDRAWN, vendorId, offerId: offer.id } },
        ]);
      }
    });
    return this.findVisible(viewer, offerId);
  }

  private notifyOwner(manager: EntityManager, intent: Intent, offerId: string): Promise<void> {
    return recordNotifications(manager, [
      { type: NotificationType.OFFER_RECEIVED, accountId: intent.ownerId, intentId: intent.id, offerId },
    ]);
  }

  /** Sealed: a vendor sees its own offers, the individual the offers on their intents; nobody else. */
  async findVisible(viewer: Viewer, offerId: string): Promise<Offer> {
    const id = requireId(offerId);
    const query = this.dataSource.getRepository(Offer).createQueryBuilder('offer').where('offer.id = :id', { id });
    this.restrictToViewer(query, viewer);
    const offer = await query.getOne();
    if (!offer) throw notFound('Offer');
    return offer;
  }

  /** Offers on an intent: all of them for its owner, only the vendor's own for a vendor. */
  async listForIntent(
    viewer: Viewer,
    intentId: string,
    page: { first: number; after?: string | null },
  ): Promise<Page<Offer>> {
    const intent = await this.intents.findVisible(viewer, intentId);
    const query = this.dataSource
      .getRepository(Offer)
      .createQueryBuilder('offer')
      .where('offer.intent_id = :intentId', { intentId: intent.id });
    this.restrictToViewer(query, viewer);
    return keysetPage(query, 'offer', page);
  }

  async listOwn(
    viewer: Viewer,
    options: { status?: OfferStatus | null; first: number; after?: string | null },
  ): Promise<Page<Offer>> {
    const vendorId = requireVendor(viewer, 'make offers');
    const query = this.dataSource
      .getRepository(Offer)
      .createQueryBuilder('offer')
      .where('offer.vendor_id = :vendorId', { vendorId });
    if (options.status) query.andWhere('offer.status = :status', { status: options.status });
    return keysetPage(query, 'offer', options);
  }

  async listVersions(viewer: Viewer, offerId: string, page: PageRequest): Promise<Page<OfferVersion>> {
    const offer = await this.findVisible(viewer, offerId);
    const query = this.dataSource
      .getRepository(OfferVersion)
      .createQueryBuilder('version')
      .where('version.offer_id = :offerId', { offerId: offer.id });
    return keysetPage(query, 'version', page);
  }

  /** Active offers on the viewer's own intent, with their current terms and vendors, compared. */
  async compare(viewer: Viewer, intentId: string): Promise<OfferComparisonRows> {
    if (viewer.kind !== AccountKind.INDIVIDUAL)
      throw forbidden('Only the individual who posted the intent can compare');
    const intent = await this.intents.findOwned(viewer, intentId);
    const [components, offers] = await Promise.all([
      this.intents.componentsByIntentIds([intent.id]),
      this.dataSource.getRepository(Offer).find({ where: { intentId: intent.id, status: OfferStatus.ACTIVE } }),
    ]);
    const [versions, vendors] = await Promise.all([
      this.currentVersions(offers.map((offer) => offer.id)),
      this.dataSource.getRepository(Vendor).find({ where: { id: In([...new Set(offers.map((o) => o.vendorId))]) } }),
    ]);
    const versionByOffer = new Map(versions.map((version) => [version.offerId, version]));
    const vendorById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
    return compareOffers(
      components,
      offers.flatMap((offer) => {
        const version = versionByOffer.get(offer.id);
        const vendor = vendorById.get(offer.vendorId);
        return version && vendor ? [{ offer, version, vendor }] : [];
      }),
    );
  }

  /** The current version of each offer, for DataLoader batching. */
  async currentVersions(offerIds: readonly string[]): Promise<OfferVersion[]> {
    if (offerIds.length === 0) return [];
    return this.dataSource
      .getRepository(OfferVersion)
      .createQueryBuilder('version')
      .innerJoin(Offer, 'offer', 'offer.id = version.offer_id AND offer.current_version = version.version')
      .where('version.offer_id IN (:...ids)', { ids: [...offerIds] })
      .getMany();
  }

  async findVersionsByIds(ids: readonly string[]): Promise<OfferVersion[]> {
    if (ids.length === 0) return [];
    return findEntities(this.dataSource.manager, OfferVersion, { where: { id: In([...ids]) } });
  }

  async findByIds(ids: readonly string[]): Promise<Offer[]> {
    if (ids.length === 0) return [];
    return findEntities(this.dataSource.manager, Offer, { where: { id: In([...ids]) } });
  }

  /**
   * Closes offers past their validity, tells their vendors and has the solutions of their open
   * intents recomputed, in one transaction.
   */
  async expireDue(now = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      // Intents before offers, in id order: the order awards and offer changes lock them in.
      const intents = await queryRows<{ id: string; status: IntentStatus }>(
        manager,
        `SELECT i.id, i.status FROM intents i
          WHERE i.id IN (SELECT o.intent_id FROM offers o
                           JOIN offer_versions v ON v.offer_id = o.id AND v.version = o.current_version
                          WHERE o.status = $1 AND v.valid_until <= $2)
          ORDER BY i.id FOR NO KEY UPDATE`,
        [OfferStatus.ACTIVE, now],
      );
      if (intents.length === 0) return [];
      const rows = await queryRows<{ id: string; vendor_id: string; intent_id: string }>(
        manager,
        `UPDATE offers o SET status = $1, updated_at = now()
           FROM offer_versions v
          WHERE v.offer_id = o.id AND v.version = o.current_version
            AND o.status = $2 AND v.valid_until <= $3 AND o.intent_id = ANY($4::uuid[])
          RETURNING o.id, o.vendor_id, o.intent_id`,
        [OfferStatus.EXPIRED, OfferStatus.ACTIVE, now, intents.map((intent) => intent.id)],
      );
      await recordNotifications(
        manager,
        rows.map((row) => ({
          type: NotificationType.OFFER_EXPIRED,
          vendorId: row.vendor_id,
          intentId: row.intent_id,
          offerId: row.id,
        })),
      );
      // Their vendors leave the offer stage: those grants lapse in the same transaction.
      await this.disclosureGrants.syncPairs(
        manager,
        rows.map((row) => ({ intentId: row.intent_id, vendorId: row.vendor_id })),
      );
      const open = new Set(intents.filter((intent) => intent.status === IntentStatus.OPEN).map((intent) => intent.id));
      await requestAssembly(
        manager,
        rows
          .filter((row) => open.has(row.intent_id))
          .map((row) => ({
            intentId: row.intent_id,
            change: { kind: AssemblyChangeKind.OFFER_EXPIRED, vendorId: row.vendor_id, offerId: row.id },
          })),
      );
      return rows.map((row) => row.id);
    });
  }

  /** Offers are sealed: vendors see their own, individuals those on their intents. Aliased `offer`. */
  private visibility(viewer: Viewer): { condition: string; parameters: Record<string, unknown> } {
    return viewer.kind === AccountKind.VENDOR
      ? { condition: 'offer.vendor_id = :vendorId', parameters: { vendorId: viewer.vendorId } }
      : {
          condition: 'EXISTS (SELECT 1 FROM intents i WHERE i.id = offer.intent_id AND i.owner_id = :ownerId)',
          parameters: { ownerId: viewer.accountId },
        };
  }

  private restrictToViewer(query: SelectQueryBuilder<Offer>, viewer: Viewer): void {
    const { condition, parameters } = this.visibility(viewer);
    query.andWhere(condition, parameters);
  }

  /** First page of offers on each of several intents the viewer can see, in one query (DataLoader). */
  async firstPagesForIntents(viewer: Viewer, intentIds: readonly string[], first: number): Promise<Array<Page<Offer>>> {
    const query = this.dataSource.getRepository(Offer).createQueryBuilder('offer');
    const scope = { parentColumn: 'intent_id', ...this.visibility(viewer) };
    return firstPagesByParent(query, 'offer', intentIds, first, scope, (offer) => offer.intentId);
  }

  /** First page of versions of each of several visible offers, in one query (DataLoader). */
  async firstVersionPages(offerIds: readonly string[], first: number): Promise<Array<Page<OfferVersion>>> {
    const query = this.dataSource.getRepository(OfferVersion).createQueryBuilder('version');
    return firstPagesByParent(query, 'version', offerIds, first, { parentColumn: 'offer_id' }, (v) => v.offerId);
  }

  /** The vendor's own offer and its intent, locked intent first: the order awards lock them in. */
  private async lockOwn(
    manager: EntityManager,
    vendorId: string,
    offerId: string,
  ): Promise<{ offer: Offer; intent: Intent }> {
    const id = requireId(offerId);
    const found = await manager.findOne(Offer, { where: { id, vendorId } });
    if (!found) throw notFound('Offer');
    const intent = await manager.findOne(Intent, {
      where: { id: found.intentId },
      lock: { mode: 'for_no_key_update' },
    });
    const offer = await manager.findOne(Offer, { where: { id, vendorId }, lock: { mode: 'pessimistic_write' } });
    if (!intent || !offer) throw notFound('Offer');
    return { offer, intent };
  }

  /**
   * Locks the intent row so an award cannot slip in between the check and the write. Exclusively:
   * the transaction goes on to request assembly, which updates the row.
   */
  private async lockOpenIntent(manager: EntityManager, intentId: string): Promise<Intent> {
    const intent = await manager.findOne(Intent, { where: { id: intentId }, lock: { mode: 'for_no_key_update' } });
    if (!intent) throw notFound('Intent');
    this.assertOpen(intent);
    return intent;
  }

  private assertOpen(intent: Intent): void {
    if (intent.status !== IntentStatus.OPEN || intent.expiresAt.getTime() <= Date.now()) {
      throw conflict('The intent is no longer open for offers');
    }
  }

  private validateTerms(
    command: OfferTermsCommand,
    intent: Intent,
    components: IntentComponent[],
  ): Omit<OfferVersion, 'id' | 'offerId' | 'version' | 'createdAt'> {
    const { currency } = command;
    if (intent.budgetCurrency && currency !== intent.budgetCurrency) {
      throw badInput('input.currency', `offers on this intent must be in ${intent.budgetCurrency}`);
    }
    if (command.validUntil.getTime() <= Date.now())
      throw badInput('input.validUntil', 'validUntil must be in the future');
    const isBundle = command.isBundle ?? false;
    const componentIds = new Set(components.map((component) => component.id));
    if (command.lines.length === 0) throw badInput('input.lines', 'an offer needs at least one line');
    if (isBundle && command.lines.length < 2) throw badInput('input.lines', 'a bundle covers at least two components');
    const seen = new Set<string>();
    const lines: OfferLine[] = command.lines.map((line, index) => {
      const field = `input.lines.${index}`;
      const componentId = requireId(line.componentId, `${field}.componentId`);
      if (!componentIds.has(componentId)) throw badInput(`${field}.componentId`, 'not a component of this intent');
      if (seen.has(componentId)) throw badInput(`${field}.componentId`, 'each component may appear once per offer');
      seen.add(componentId);
      if (!isBundle && (line.amount === null || line.amount === undefined)) {
        throw badInput(`${field}.amount`, 'each line needs an amount unless the offer is a bundle');
      }
      const amountMinor =
        line.amount === null || line.amount === undefined ? null : parseAmount(line.amount, currency, field).toString();
      return { componentId, amountMinor, description: line.description ?? '' };
    });
    let total: bigint;
    if (isBundle) {
      if (!command.total) throw badInput('input.total', 'a bundle needs a total');
      total = parseAmount(command.total, currency, 'input.total');
    } else {
      total = lines.reduce((sum, line) => sum + BigInt(line.amountMinor ?? 0), 0n);
      if (command.total && parseAmount(command.total, currency, 'input.total') !== total) {
        throw badInput('input.total', 'total must equal the sum of the lines');
      }
    }
    return {
      totalMinor: total.toString(),
      currency,
      isBundle,
      lines,
      message: command.message ?? '',
      validUntil: command.validUntil,
    };
  }
}

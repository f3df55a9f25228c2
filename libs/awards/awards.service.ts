import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { type Page, badInput, conflict, forbidden, notFound, requireId } from '@app/common';
import { AccountKind, type Viewer } from '@app/accounts';
import { keysetPage, queryRows } from '@app/database';
import { NotificationType } from '@app/notifications';
import { recordNotifications } from '@app/outbox';
import { DisclosureGrantsService } from '@app/disclosure';
import { IntentComponent, Intent, IntentStatus } from '@app/intents';
import { OfferVersion, Offer, OfferStatus } from '@app/offers';
import { Vendor } from '@app/vendors';
import { type AwardSubject, type AwardedOffer, constraintConflict } from './award-constraints';
import { Engagement } from './engagement.entity';

export interface AwardSelection {
  offerId: string;
  /** Which of the offer's components to take; all of them when omitted. A bundle is taken whole. */
  componentIds?: string[] | null;
  /** The offer version the caller saw; the award fails with CONFLICT if the offer was revised since. */
  expectedVersionId?: string | null;
}

export interface AwardCommand {
  intentId: string;
  selections: AwardSelection[];
}

/** An award that passed every check, ready to write. */
export interface AwardPlan {
  offers: Offer[];
  engagements: Array<Partial<Engagement>>;
}

@Injectable()
export class AwardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly disclosureGrants: DisclosureGrantsService,
  ) {}

  /**
   * Accepts one offer, or several covering different components, in one transaction:
   * engagements are created, the chosen offers accepted, every other active offer on
   * the intent marked lost and the intent awarded. Any failure leaves nothing written.
   */
  async award(viewer: Viewer, command: AwardCommand): Promise<{ intent: Intent; engagements: Engagement[] }> {
    if (viewer.kind !== AccountKind.INDIVIDUAL)
      throw forbidden('Only the individual who posted the intent can award it');
    const intentId = requireId(command.intentId, 'input.intentId');
    if (command.selections.length === 0) throw badInput('input.selections', 'choose at least one offer');
    return this.dataSource.transaction(async (manager) => {
      const intent = await this.lockIntentForAward(manager, viewer, intentId);
      const plan = await this.prepareAward(manager, intent, command.selections, 'offers');
      return this.writeAward(manager, intent, plan);
    });
  }

  /** Locks the viewer's intent for the rest of the transaction; it must be open. */
  async lockIntentForAward(manager: EntityManager, viewer: Viewer, intentId: string): Promise<Intent> {
    const intent = await manager.findOne(Intent, {
      where: { id: intentId, ownerId: viewer.accountId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!intent) throw notFound('Intent');
    if (intent.status !== IntentStatus.OPEN) throw conflict(`An intent that is ${intent.status} cannot be awarded`);
    return intent;
  }

  /**
   * Checks the selections against the offers and constraints as they are now (inside the transaction
   * that locked the intent): each offer active, at its latest version (or the one expected) and still
   * valid, on current components, and together within the budget, exclusions, minimum rating and
   * vendor limit. Throws CONFLICT naming what does not hold; writes nothing.
   */
  async prepareAward(
    manager: EntityManager,
    intent: Intent,
    selections: AwardSelection[],
    subject: AwardSubject,
  ): Promise<AwardPlan> {
    const offerIds = selections.map((selection, index) =>
      requireId(selection.offerId, `input.selections.${index}.offerId`),
    );
    if (new Set(offerIds).size !== offerIds.length) throw badInput('input.selections', 'an offer may be chosen once');
    const offers = await manager.find(Offer, {
      where: { id: In(offerIds), intentId: intent.id },
      lock: { mode: 'pessimistic_write' },
    });
    const offersById = new Map(offers.map((offer) => [offer.id, offer]));
    const versions = await manager
      .createQueryBuilder(OfferVersion, 'version')
      .innerJoin(Offer, 'offer', 'offer.id = version.offer_id AND offer.current_version = version.version')
      .where('version.offer_id IN (:...offerIds)', { offerIds })
      .getMany();
    const vendors = await manager.find(Vendor, { where: { id: In([...new Set(offers.map((o) => o.vendorId))]) } });
    const components = await manager.find(IntentComponent, { where: { intentId: intent.id } });
    const versionByOffer = new Map(versions.map((version) => [version.offerId, version]));
    const vendorById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
    const current = new Set(components.map((component) => component.id));

    const covered = new Set<string>();
    const awarded: AwardedOffer[] = [];
    const engagements: Array<Partial<Engagement>> = selections.map((selection, index) => {
      const field = `input.selections.${index}`;
      const offer = offersById.get(offerIds[index]);
      const version = versionByOffer.get(offerIds[index]);
      if (!offer || !version) throw badInput(`${field}.offerId`, 'not an offer on this intent');
      const vendor = vendorById.get(offer.vendorId);
      const from = `The offer from ${vendor?.name ?? 'a vendor'} (${offer.id})`;
      if (offer.status !== OfferStatus.ACTIVE) throw conflict(`${from} is ${offer.status}`);
      if (version.validUntil.getTime() <= Date.now()) {
        throw conflict(`${from} was valid until ${version.validUntil.toISOString()}`);
      }
      if (selection.expectedVersionId && selection.expectedVersionId !== version.id) {
        throw conflict(`${from} was revised since; look again before accepting`);
      }
      const offered = version.lines.map((line) => line.componentId);
      if (version.isBundle && offered.some((id) => !current.has(id))) {
        throw conflict(`${from} is a bundle with a component that is no longer part of the intent`);
      }
      const wanted = selection.componentIds?.length
        ? selection.componentIds.map((id, i) => requireId(id, `${field}.componentIds.${i}`))
        : offered.filter((id) => current.has(id));
      if (version.isBundle && (wanted.length !== offered.length || wanted.some((id) => !offered.includes(id)))) {
        throw badInput(`${field}.componentIds`, 'a bundle is only valid if taken whole');
      }
      if (wanted.length === 0) throw conflict(`${from} prices no component that is still part of the intent`);
      const chosenLines = version.lines.filter((line) => wanted.includes(line.componentId));
      if (chosenLines.length !== new Set(wanted).size || chosenLines.length !== wanted.length) {
        throw badInput(`${field}.componentIds`, 'every component must be one this offer prices, once');
      }
      for (const line of chosenLines) {
        if (!current.has(line.componentId)) {
          throw conflict(`${from} prices component ${line.componentId}, which is no longer part of the intent`);
        }
        if (covered.has(line.componentId)) {
          throw badInput(`${field}.componentIds`, 'two chosen offers cover the same component');
        }
        covered.add(line.componentId);
      }
      const total = version.isBundle
        ? BigInt(version.totalMinor)
        : chosenLines.reduce((sum, line) => sum + BigInt(line.amountMinor ?? 0), 0n);
      awarded.push({
        vendorId: offer.vendorId,
        vendorName: vendor?.name ?? 'a vendor',
        vendorRating: vendor?.ratingAverage ?? null,
        totalMinor: total,
        currency: version.currency,
      });
      return {
        intentId: intent.id,
        offerId: offer.id,
        offerVersionId: version.id,
        vendorId: offer.vendorId,
        individualId: intent.ownerId,
        componentIds: chosenLines.map((line) => line.componentId),
        totalMinor: total.toString(),
        currency: version.currency,
      };
    });
    const broken = constraintConflict(intent, awarded, subject);
    if (broken) throw conflict(broken);
    return { offers, engagements };
  }

  /** Writes a prepared award: engagements, offers accepted and lost, the intent awarded, grants. */
  async writeAward(
    manager: EntityManager,
    intent: Intent,
    plan: AwardPlan,
  ): Promise<{ intent: Intent; engagements: Engagement[] }> {
    const { offers } = plan;
    const saved = await manager.save(manager.create(Engagement, plan.engagements));
    await manager.update(Offer, { id: In(offers.map((offer) => offer.id)) }, { status: OfferStatus.ACCEPTED });
    const lost = await queryRows<{ id: string; vendor_id: string }>(
      manager,
      `UPDATE offers SET status = $1, updated_at = now() WHERE intent_id = $2 AND status = $3 RETURNING id, vendor_id`,
      [OfferStatus.LOST, intent.id, OfferStatus.ACTIVE],
    );
    await recordNotifications(manager, [
      ...offers.map((offer) => ({
        type: NotificationType.OFFER_AWARDED,
        vendorId: offer.vendorId,
        intentId: intent.id,
        offerId: offer.id,
      })),
      ...lost.map((offer) => ({
        type: NotificationType.OFFER_LOST,
        vendorId: offer.vendor_id,
        intentId: intent.id,
        offerId: offer.id,
      })),
    ]);
    await manager.update(Intent, { id: intent.id }, { status: IntentStatus.AWARDED, closedAt: new Date() });
    // Award-stage disclosures go to the winners (with their consent receipts) in the same transaction.
    await this.disclosureGrants.syncIntent(manager, intent.id);
    const awarded = await manager.findOneOrFail(Intent, { where: { id: intent.id } });
    return { intent: awarded, engagements: saved };
  }

  /** An engagement is visible to its individual and its vendor only. */
  async findVisible(viewer: Viewer, id: string): Promise<Engagement> {
    const query = this.dataSource
      .getRepository(Engagement)
      .createQueryBuilder('engagement')
      .where('engagement.id = :id', { id: requireId(id) });
    this.restrictToViewer(query, viewer);
    const engagement = await query.getOne();
    if (!engagement) throw notFound('Engagement');
    return engagement;
  }

  async listOwn(viewer: Viewer, page: { first: number; after?: string | null }): Promise<Page<Engagement>> {
    const query = this.dataSource.getRepository(Engagement).createQueryBuilder('engagement').where('TRUE');
    this.restrictToViewer(query, viewer);
    return keysetPage(query, 'engagement', page);
  }

  /** Engagements on each of several intents, as the viewer may see them, in one query (DataLoader). */
  async listForIntents(viewer: Viewer, intentIds: readonly string[]): Promise<Engagement[][]> {
    const query = this.dataSource
      .getRepository(Engagement)
      .createQueryBuilder('engagement')
      .where('engagement.intent_id = ANY(:intentIds)', { intentIds: [...intentIds] });
    this.restrictToViewer(query, viewer);
    const rows = await query.orderBy('engagement.created_at', 'ASC').addOrderBy('engagement.id', 'ASC').getMany();
    return intentIds.map((intentId) => rows.filter((row) => row.intentId === intentId));
  }

  private restrictToViewer(query: SelectQueryBuilder<Engagement>, viewer: Viewer): void {
    if (viewer.kind === AccountKind.VENDOR) {
      query.andWhere('engagement.vendor_id = :vendorId', { vendorId: viewer.vendorId });
    } else {
      query.andWhere('engagement.individual_id = :individualId', { individualId: viewer.accountId });
    }
  }
}

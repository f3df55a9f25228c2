import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type AssemblyInput, type AssemblyOffer, type AssemblyResult, assemble } from '@app/assembly';
import { type Viewer } from '@app/accounts';
import { type AwardSelection, AwardsService } from '@app/awards/awards.service';
import type { Engagement } from '@app/awards/engagement.entity';
import { forbidden, notFound, requireId } from '@app/common';
import { AccountKind } from '@app/accounts/account.entity';
import { IntentComponent } from '@app/intents/intent-component.entity';
import { Intent, IntentStatus } from '@app/intents/intent.entity';
import { OfferVersion } from '@app/offers/offer-version.entity';
import { Offer, OfferStatus } from '@app/offers/offer.entity';
import { NotificationType } from '@app/notifications/notification';
import { recordNotifications } from '@app/notifications/record-notifications';
import { OutboxTopic } from '@app/outbox/outbox-event.entity';
import { recordEvent } from '@app/outbox/record-event';
import { Vendor } from '@app/vendors/vendor.entity';
import { IntentSolution, type SolutionSelection } from './intent-solution.entity';
import { type AssemblyOutcome, AssemblyState, type SolutionConstraints } from './solution-constraints';

/** Solver wall-clock budget per assembly. */
const SOLVE_TIME_LIMIT_MS = 2000;

interface PricedChoice extends SolutionSelection {
  assemblyId: string;
}

/**
 * Turns the active offers on an intent into the cheapest combinations that cover
 * its components (via the pure `@app/assembly` solver), stores them, and accepts
 * one as a single all-or-nothing award.
 */
@Injectable()
export class SolutionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly awards: AwardsService,
  ) {}

  async assembleForIntent(intentId: string): Promise<AssemblyOutcome> {
    const intent = await this.dataSource.getRepository(Intent).findOne({ where: { id: requireId(intentId) } });
    if (!intent) return { state: AssemblyState.NONE, computedAt: new Date().toISOString() };
    if (intent.status !== IntentStatus.OPEN) {
      return this.store(intent, null, { state: AssemblyState.NONE, computedAt: new Date().toISOString() });
    }
    const { input, choices, currency } = await this.assemblyInput(intent);
    if (input.offers.length === 0) {
      return this.store(intent, null, { state: AssemblyState.NONE, computedAt: new Date().toISOString() });
    }
    const result = await assemble(input);
    const solutions = result.solutions.map((solution, index) =>
      this.toEntity(intent.id, index + 1, currency, solution, choices),
    );
    return this.store(intent, solutions, this.outcomeOf(result));
  }

  /** The assembly job ran out of retries: the intent's outcome says FAILED (earlier solutions stay listed). */
  async markAssemblyFailed(intentId: string): Promise<void> {
    const outcome: AssemblyOutcome = { state: AssemblyState.FAILED, computedAt: new Date().toISOString() };
    await this.dataSource.query(`UPDATE intents SET assembly_outcome = $2 WHERE id = $1`, [
      requireId(intentId),
      JSON.stringify(outcome),
    ]);
  }

  async listForOwner(viewer: Viewer, intentId: string): Promise<IntentSolution[]> {
    const intent = await this.ownedIntent(viewer, intentId);
    return this.dataSource
      .getRepository(IntentSolution)
      .find({ where: { intentId: intent.id }, order: { rank: 'ASC' } });
  }

  async setConstraints(viewer: Viewer, intentId: string, constraints: SolutionConstraints): Promise<Intent> {
    const intent = await this.ownedIntent(viewer, intentId);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Intent,
        { id: intent.id },
        {
          solutionConstraints: {
            maxVendors: constraints.maxVendors ?? null,
            minVendorRating: constraints.minVendorRating ?? null,
            excludedVendorIds: (constraints.excludedVendorIds ?? []).map((id, i) =>
              requireId(id, `input.excludedVendorIds.${i}`),
            ),
          },
          assemblyOutcome: { state: AssemblyState.PENDING, computedAt: new Date().toISOString() },
        },
      );
      await recordEvent(manager, OutboxTopic.OFFERS_CHANGED, { intentId: intent.id });
    });
    return this.dataSource.getRepository(Intent).findOneOrFail({ where: { id: intent.id } });
  }

  /** Awards every offer of a stored solution at once; fails with CONFLICT if any offer changed since. */
  async accept(viewer: Viewer, intentId: string, rank: number): Promise<{ intent: Intent; engagements: Engagement[] }> {
    const intent = await this.ownedIntent(viewer, intentId);
    const solution = await this.dataSource
      .getRepository(IntentSolution)
      .findOne({ where: { intentId: intent.id, rank } });
    if (!solution) throw notFound('Solution');
    const byOffer = new Map<string, AwardSelection & { componentIds: string[] }>();
    for (const selection of solution.selections) {
      const existing = byOffer.get(selection.offerId);
      if (existing) existing.componentIds.push(...selection.componentIds);
      else {
        byOffer.set(selection.offerId, {
          offerId: selection.offerId,
          componentIds: [...selection.componentIds],
          expectedVersionId: selection.offerVersionId,
        });
      }
    }
    return this.awards.award(viewer, { intentId: intent.id, selections: [...byOffer.values()] });
  }

  private async ownedIntent(viewer: Viewer, intentId: string): Promise<Intent> {
    if (viewer.kind !== AccountKind.INDIVIDUAL)
      throw forbidden('Only the individual who posted the intent can do this');
    const intent = await this.dataSource
      .getRepository(Intent)
      .findOne({ where: { id: requireId(intentId), ownerId: viewer.accountId } });
    if (!intent) throw notFound('Intent');
    return intent;
  }

  /** Per-component lines of ordinary offers become single choices; a bundle is one choice over all its lines. */
  private async assemblyInput(
    intent: Intent,
  ): Promise<{ input: AssemblyInput; choices: Map<string, PricedChoice>; currency: string }> {
    const components = await this.dataSource
      .getRepository(IntentComponent)
      .find({ where: { intentId: intent.id }, order: { position: 'ASC' } });
    const offers = await this.dataSource
      .getRepository(Offer)
      .find({ where: { intentId: intent.id, status: OfferStatus.ACTIVE } });
    const versions = offers.length
      ? await this.dataSource
          .getRepository(OfferVersion)
          .createQueryBuilder('version')
          .innerJoin(Offer, 'offer', 'offer.id = version.offer_id AND offer.current_version = version.version')
          .where('version.offer_id IN (:...ids)', { ids: offers.map((offer) => offer.id) })
          .andWhere('version.valid_until > now()')
          .getMany()
      : [];
    const vendors = offers.length
      ? await this.dataSource
          .getRepository(Vendor)
          .find({ where: { id: In([...new Set(offers.map((o) => o.vendorId))]) } })
      : [];
    const ratingOf = new Map(vendors.map((vendor) => [vendor.id, vendor.ratingAverage]));
    const vendorOf = new Map(offers.map((offer) => [offer.id, offer.vendorId]));
    // Offers can only be added up in one currency: the budget's, else the most common one.
    const currency = intent.budgetCurrency ?? mostCommon(versions.map((version) => version.currency)) ?? 'GBP';

    const choices = new Map<string, PricedChoice>();
    const assemblyOffers: AssemblyOffer[] = [];
    const add = (choice: PricedChoice) => {
      choices.set(choice.assemblyId, choice);
      assemblyOffers.push({
        id: choice.assemblyId,
        vendorId: choice.vendorId,
        componentIds: choice.componentIds,
        price: Number(choice.price),
        vendorRating: ratingOf.get(choice.vendorId) ?? null,
      });
    };
    for (const version of versions.filter((v) => v.currency === currency)) {
      const vendorId = vendorOf.get(version.offerId) as string;
      const base = { offerId: version.offerId, offerVersionId: version.id, vendorId };
      if (version.isBundle) {
        add({
          ...base,
          assemblyId: version.id,
          componentIds: version.lines.map((l) => l.componentId),
          price: version.totalMinor,
          isBundle: true,
        });
        continue;
      }
      for (const line of version.lines) {
        if (line.amountMinor === null) continue;
        add({
          ...base,
          assemblyId: `${version.id}:${line.componentId}`,
          componentIds: [line.componentId],
          price: line.amountMinor,
          isBundle: false,
        });
      }
    }
    const constraints = intent.solutionConstraints ?? {};
    return {
      currency,
      choices,
      input: {
        components: components.map((component) => ({ id: component.id, optional: component.optional })),
        offers: assemblyOffers,
        constraints: {
          maxTotal:
            intent.budgetMinor !== null && intent.budgetCurrency === currency ? Number(intent.budgetMinor) : undefined,
          maxVendors: constraints.maxVendors ?? undefined,
          minVendorRating: constraints.minVendorRating ?? undefined,
          excludedVendorIds: constraints.excludedVendorIds ?? undefined,
        },
        alternatives: 3,
        timeLimitMs: SOLVE_TIME_LIMIT_MS,
      },
    };
  }

  private toEntity(
    intentId: string,
    rank: number,
    currency: string,
    solution: AssemblyResult['solutions'][number],
    choices: Map<string, PricedChoice>,
  ): Partial<IntentSolution> {
    const selections = solution.offerIds.map((id) => {
      const { assemblyId: _assemblyId, ...selection } = choices.get(id) as PricedChoice;
      return selection;
    });
    return {
      intentId,
      rank,
      currency,
      totalMinor: String(solution.total),
      savingMinor: solution.saving === null ? null : String(solution.saving),
      provenOptimal: solution.provenOptimal,
      selections,
      vendors: solution.vendors.map((share) => ({
        vendorId: share.vendorId,
        offerIds: [...new Set(share.offerIds.map((id) => (choices.get(id) as PricedChoice).offerId))],
        subtotal: String(share.subtotal),
      })),
    };
  }

  private outcomeOf(result: AssemblyResult): AssemblyOutcome {
    const state =
      result.status === 'optimal'
        ? AssemblyState.OPTIMAL
        : result.status === 'feasible'
          ? AssemblyState.FEASIBLE
          : result.status === 'infeasible'
            ? AssemblyState.INFEASIBLE
            : AssemblyState.FAILED;
    return {
      state,
      infeasibility: result.infeasibility
        ? {
            constraint: result.infeasibility.constraint,
            message: result.infeasibility.message,
            componentIds: result.infeasibility.componentIds,
          }
        : null,
      computedAt: new Date().toISOString(),
      solveMs: Math.round(result.stats.solveMs * 10) / 10,
    };
  }

  /**
   * Replaces the intent's stored solutions and outcome in one transaction, and tells the owner of an
   * open intent (live) that they changed.
   */
  private async store(
    intent: Intent,
    solutions: Array<Partial<IntentSolution>> | null,
    outcome: AssemblyOutcome,
  ): Promise<AssemblyOutcome> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(IntentSolution, { intentId: intent.id });
      if (solutions && solutions.length > 0) await manager.insert(IntentSolution, solutions);
      await manager.update(Intent, { id: intent.id }, { assemblyOutcome: outcome });
      if (intent.status === IntentStatus.OPEN) {
        await recordNotifications(manager, [
          { type: NotificationType.SOLUTIONS_UPDATED, accountId: intent.ownerId, intentId: intent.id },
        ]);
      }
    });
    return outcome;
  }
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

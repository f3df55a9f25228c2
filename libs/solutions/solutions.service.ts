import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type AssemblyInput, type AssemblyOffer, type AssemblyResult, assemble } from '@app/assembly';
import { type Viewer, AccountKind } from '@app/accounts';
import { type AwardSelection, AwardsService, type Engagement } from '@app/awards';
import { conflict, forbidden, notFound, requireId } from '@app/common';
import { queryRows } from '@app/database';
import {
  IntentComponent,
  Intent,
  IntentStatus,
  requestAssembly,
  AssemblyChangeKind,
  type AssemblyOutcome,
  AssemblyState,
  type SolutionConstraints,
} from '@app/intents';
import { OfferVersion, Offer, OfferStatus } from '@app/offers';
import { NotificationType } from '@app/notifications';
import { recordNotifications } from '@app/outbox';
import { Vendor } from '@app/vendors';
import { describeAssemblyChange } from './assembly-change';
import { IntentSolution, type SolutionSelection } from './intent-solution.entity';

/** Solver wall-clock budget per assembly. */
const SOLVE_TIME_LIMIT_MS = 2000;

interface PricedChoice extends SolutionSelection {
  assemblyId: string;
}

/** What one assembly read, all from one snapshot. */
interface AssemblyInputs {
  intent: Intent;
  input: AssemblyInput;
  choices: Map<string, PricedChoice>;
  currency: string;
}

/** The intent row as a store sees it, locked. */
interface LockedIntent {
  status: IntentStatus;
  owner_id: string;
  assembly_requested_version: number;
  assembly_computed_version: number;
  assembly_outcome: AssemblyOutcome | null;
}

type NewOutcome = Omit<AssemblyOutcome, 'version'>;

/** While open, the stored solutions are stale from the moment a change requested a recomputation. */
export const isAssemblyPending = (intent: Intent) =>
  intent.status === IntentStatus.OPEN && intent.assemblyRequestedVersion > intent.assemblyComputedVersion;

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

  /** Null when there is nothing to store: no such intent, or a newer computation was stored first. */
  async assembleForIntent(intentId: string): Promise<AssemblyOutcome | null> {
    const id = requireId(intentId);
    const inputs = await this.readInputs(id);
    if (!inputs) return null;
    const { intent, input, choices, currency } = inputs;
    const none = (): NewOutcome => ({ state: AssemblyState.NONE, computedAt: new Date().toISOString() });
    if (intent.status !== IntentStatus.OPEN || input.offers.length === 0) {
      return this.storeComputed(id, intent.assemblyRequestedVersion, [], none());
    }
    const result = await assemble(input);
    const best = result.solutions[0]?.total ?? 0;
    const solutions = result.solutions.map((solution, index) =>
      this.toEntity(id, index + 1, currency, best, solution, choices),
    );
    return this.storeComputed(id, intent.assemblyRequestedVersion, solutions, this.outcomeOf(result));
  }

  /**
   * The assembly job ran out of retries: the outcome says FAILED and the stale solutions go (nothing
   * left to accept), unless a later run stored fresh ones meanwhile. Another change queues a new run.
   */
  async markAssemblyFailed(intentId: string): Promise<void> {
    const failed: NewOutcome = { state: AssemblyState.FAILED, computedAt: new Date().toISOString() };
    await this.withLockedIntent(requireId(intentId), (manager, row) =>
      row.assembly_computed_version >= row.assembly_requested_version
        ? null
        : this.replace(manager, intentId, row, row.assembly_requested_version, [], failed),
    );
  }

  async listForOwner(viewer: Viewer, intentId: string): Promise<IntentSolution[]> {
    const intent = await this.ownedIntent(viewer, intentId);
    return this.dataSource
      .getRepository(IntentSolution)
      .find({ where: { intentId: intent.id }, order: { rank: 'ASC' } });
  }

  async setConstraints(viewer: Viewer, intentId: string, constraints: SolutionConstraints): Promise<Intent> {
    const { id } = await this.ownedIntent(viewer, intentId);
    await this.dataSource.transaction(async (manager) => {
      const intent = await manager.findOneOrFail(Intent, { where: { id }, lock: { mode: 'for_no_key_update' } });
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
        },
      );
      if (intent.status === IntentStatus.OPEN) {
        await requestAssembly(manager, [{ intentId: intent.id, change: { kind: AssemblyChangeKind.CONSTRAINTS } }]);
      }
    });
    return this.dataSource.getRepository(Intent).findOneOrFail({ where: { id } });
  }

  /**
   * Awards every offer of a stored solution at once. In one transaction with the intent locked: the
   * solutions must still be the version the client saw (when it says), every offer active, at the
   * version priced and valid, the intent's constraints must hold, and no recomputation may be
   * pending. Otherwise CONFLICT, naming what changed, and nothing is written.
   */
  async accept(
    viewer: Viewer,
    intentId: string,
    rank: number,
    expectedVersion?: number | null,
  ): Promise<{ intent: Intent; engagements: Engagement[] }> {
    if (viewer.kind !== AccountKind.INDIVIDUAL)
      throw forbidden('Only the individual who posted the intent can do this');
    const id = requireId(intentId);
    return this.dataSource.transaction(async (manager) => {
      const intent = await this.awards.lockIntentForAward(manager, viewer, id);
      const version = intent.assemblyOutcome?.version ?? 0;
      if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== version) {
        throw conflict(
          `The solutions changed since version ${expectedVersion} (now version ${version}; last change: ` +
            `${await this.lastChange(manager, intent)}); look at them again before accepting`,
        );
      }
      const pending = isAssemblyPending(intent);
      const solution = await manager.findOne(IntentSolution, { where: { intentId: intent.id, rank } });
      if (!solution && !pending) throw notFound('Solution');
      if (solution) {
        // Checked before the pending state: it names the change precisely when it is the cause.
        const plan = await this.awards.prepareAward(manager, intent, awardSelections(solution), 'solution');
        if (!pending) return this.awards.writeAward(manager, intent, plan);
      }
      throw conflict(
        `The solutions are being recomputed (${await this.lastChange(manager, intent)}); ` +
          'accept once assembly.state is no longer PENDING',
      );
    });
  }

  private async lastChange(manager: EntityManager, intent: Intent): Promise<string> {
    const change = intent.assemblyRequestedChange;
    const vendor = change?.vendorId ? await manager.findOne(Vendor, { where: { id: change.vendorId } }) : null;
    return describeAssemblyChange(change, intent, vendor?.name ?? null);
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

  /**
   * Everything assembly reads, from one snapshot, so the requested version read with it says exactly
   * which changes the result includes. Per-component lines of ordinary offers become single choices;
   * a bundle is one choice over all its lines. Lines on components since removed are left out, and
   * so are bundles with one: they are valid only whole.
   */
  private readInputs(intentId: string): Promise<AssemblyInputs | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const intent = await manager.findOne(Intent, { where: { id: intentId } });
      if (!intent) return null;
      // One after the other: a transaction is one connection.
      const components = await manager.find(IntentComponent, { where: { intentId }, order: { position: 'ASC' } });
      const offers =
        intent.status === IntentStatus.OPEN
          ? await manager.find(Offer, { where: { intentId, status: OfferStatus.ACTIVE } })
          : [];
      const versions = offers.length
        ? await manager
            .createQueryBuilder(OfferVersion, 'version')
            .innerJoin(Offer, 'offer', 'offer.id = version.offer_id AND offer.current_version = version.version')
            .where('version.offer_id IN (:...ids)', { ids: offers.map((offer) => offer.id) })
            .andWhere('version.valid_until > now()')
            .getMany()
        : [];
      const vendors = offers.length
        ? await manager.find(Vendor, { where: { id: In([...new Set(offers.map((o) => o.vendorId))]) } })
        : [];
      return { intent, ...this.assemblyInput(intent, components, offers, versions, vendors) };
    });
  }

  private assemblyInput(
    intent: Intent,
    components: IntentComponent[],
    offers: Offer[],
    versions: OfferVersion[],
    vendors: Vendor[],
  ): Omit<AssemblyInputs, 'intent'> {
    const ratingOf = new Map(vendors.map((vendor) => [vendor.id, vendor.ratingAverage]));
    const vendorOf = new Map(offers.map((offer) => [offer.id, offer.vendorId]));
    const current = new Set(components.map((component) => component.id));
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
        if (version.lines.some((line) => !current.has(line.componentId))) continue;
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
        if (line.amountMinor === null || !current.has(line.componentId)) continue;
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
    bestTotal: number,
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
      // The solver reports the signed difference; a "saving" of -50 on a dearer alternative read as a bug.
      savingMinor: solution.saving === null ? null : String(Math.max(0, solution.saving)),
      extraOverBestMinor: String(solution.total - bestTotal),
      provenOptimal: solution.provenOptimal,
      selections,
      vendors: solution.vendors.map((share) => ({
        vendorId: share.vendorId,
        offerIds: [...new Set(share.offerIds.map((id) => (choices.get(id) as PricedChoice).offerId))],
        subtotal: String(share.subtotal),
      })),
    };
  }

  private outcomeOf(result: AssemblyResult): NewOutcome {
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

  /** Stores a computation from inputs at `inputsVersion`, unless one from newer inputs is stored already. */
  private storeComputed(
    intentId: string,
    inputsVersion: number,
    solutions: Array<Partial<IntentSolution>>,
    outcome: NewOutcome,
  ): Promise<AssemblyOutcome | null> {
    return this.withLockedIntent(intentId, (manager, row) =>
      row.assembly_computed_version > inputsVersion
        ? null
        : this.replace(manager, intentId, row, inputsVersion, solutions, outcome),
    );
  }

  private withLockedIntent<T>(
    intentId: string,
    work: (manager: EntityManager, row: LockedIntent) => Promise<T> | null,
  ): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<LockedIntent>(
        manager,
        `SELECT status, owner_id, assembly_requested_version, assembly_computed_version, assembly_outcome
           FROM intents WHERE id = $1 FOR NO KEY UPDATE`,
        [intentId],
      );
      return row ? work(manager, row) : null;
    });
  }

  /**
   * Replaces the intent's stored solutions and outcome, and tells the owner of an open intent (live).
   * The version moves on only when the solutions or the outcome differ from those stored: a
   * recomputation that finds the same leaves a client's version valid.
   */
  private async replace(
    manager: EntityManager,
    intentId: string,
    row: LockedIntent,
    inputsVersion: number,
    solutions: Array<Partial<IntentSolution>>,
    outcome: NewOutcome,
  ): Promise<AssemblyOutcome> {
    const previous = await manager.find(IntentSolution, { where: { intentId }, order: { rank: 'ASC' } });
    const unchanged = fingerprint(row.assembly_outcome, previous) === fingerprint(outcome, solutions);
    const stored: AssemblyOutcome = { ...outcome, version: (row.assembly_outcome?.version ?? 0) + (unchanged ? 0 : 1) };
    if (!unchanged) {
      await manager.delete(IntentSolution, { intentId });
      if (solutions.length > 0) await manager.insert(IntentSolution, solutions);
    }
    await manager.update(Intent, { id: intentId }, { assemblyOutcome: stored, assemblyComputedVersion: inputsVersion });
    if (row.status === IntentStatus.OPEN) {
      await recordNotifications(manager, [
        { type: NotificationType.SOLUTIONS_UPDATED, accountId: row.owner_id, intentId },
      ]);
    }
    return stored;
  }
}

/** A stored solution as award selections: one per offer, with the version it was priced at. */
function awardSelections(solution: IntentSolution): AwardSelection[] {
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
  return [...byOffer.values()];
}

/** What a client sees of an assembly, to tell whether a recomputation changed anything. */
function fingerprint(
  outcome: Pick<AssemblyOutcome, 'state' | 'infeasibility'> | null,
  solutions: Array<Partial<IntentSolution>>,
): string {
  const infeasibility = outcome?.infeasibility;
  return JSON.stringify([
    outcome?.state ?? null,
    infeasibility ? [infeasibility.constraint, infeasibility.message, infeasibility.componentIds ?? []] : null,
    solutions.map((solution) => [
      solution.rank,
      String(solution.totalMinor),
      solution.currency,
      solution.savingMinor === null ? null : String(solution.savingMinor),
      solution.provenOptimal,
      (solution.selections ?? []).map((s) => [
        s.offerId,
        s.offerVersionId,
        s.componentIds,
        String(s.price),
        s.isBundle,
      ]),
    ]),
  ]);
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

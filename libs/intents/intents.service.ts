import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Page, badInput, conflict, forbidden, notFound, parseAmount, requireId } from '@app/common';
import { AccountKind, type Viewer, IdempotencyService } from '@app/accounts';
import { AppConfig } from '@app/config';
import { keysetPage, findEntities, queryRows } from '@app/database';
import { OutboxTopic, recordEvent, recordNotifications } from '@app/outbox';
import { NotificationType } from '@app/notifications';
import { PlaybooksService } from '@app/playbooks';
import { requestAssembly } from './request-assembly';
import { AssemblyChangeKind } from './intent-assembly';
import { TaxonomyService } from '@app/taxonomy';
import { type LocationInput, toIntentLocation } from './coarse-location';
import { IntentComponent } from './intent-component.entity';
import { Intent, IntentStatus, type MatchingOutcome, MatchingState } from './intent.entity';

export interface ComponentCommand {
  /** updateIntent: an existing component to keep (offers on it stay attached), with these fields. */
  id?: string | null;
  title: string;
  description?: string | null;
  categoryCode?: string | null;
  optional?: boolean | null;
}

export interface MoneyCommand {
  amount: string;
  currency: string;
}

export interface IntentFieldsCommand {
  title?: string;
  description?: string | null;
  categoryCode?: string | null;
  location?: LocationInput | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  budget?: MoneyCommand | null;
  expiresAt?: Date;
}

export interface CreateIntentCommand extends Omit<IntentFieldsCommand, 'expiresAt'> {
  title: string;
  /** Default (undefined or null): INTENT_DEFAULT_EXPIRY_DAYS after creation. */
  expiresAt?: Date | null;
  components?: ComponentCommand[] | null;
  /** Start from a life-event playbook: its components, unless `components` are given. */
  playbookCode?: string | null;
  /** Open at once (default) or keep as a draft (to edit a playbook's components first). */
  publish?: boolean | null;
  idempotencyKey?: string | null;
}

export interface UpdateIntentCommand extends IntentFieldsCommand {
  /** The components from now on: those not listed are removed. Drafts and open intents. */
  components?: ComponentCommand[] | null;
}

export const MAX_COMPONENTS = 50;
const MAX_EXPIRY_MS = 365 * 24 * 3600 * 1000;
const EDITABLE = [IntentStatus.DRAFT, IntentStatus.OPEN];

@Injectable()
export class IntentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly idempotency: IdempotencyService,
    private readonly playbooks: PlaybooksService,
    private readonly config: AppConfig,
  ) {}

  async create(viewer: Viewer, command: CreateIntentCommand): Promise<Intent> {
    this.assertIndividual(viewer);
    await this.validateFields({ ...command, expiresAt: command.expiresAt ?? undefined }, 'input');
    command.components?.forEach((component, index) => {
      if (component.id) throw badInput(`input.components.${index}.id`, 'a new intent has no components to keep');
    });
    const components = await this.componentsOf(command);
    await this.validateComponents(components);
    const { id } = await this.idempotency.run(
      viewer.accountId,
      'createIntent',
      command.idempotencyKey,
      { ...command, idempotencyKey: undefined },
      async (manager) => {
        const publish = command.publish !== false;
        const intent = await manager.save(
          manager.create(Intent, {
            ...(publish ? this.openedState() : { status: IntentStatus.DRAFT }),
            ownerId: viewer.accountId,
            title: command.title,
            description: command.description ?? '',
            categoryCode: command.categoryCode ?? null,
            ...toIntentLocation(command.location),
            windowStart: command.windowStart ?? null,
            windowEnd: command.windowEnd ?? null,
            ...this.budgetColumns(command.budget),
            // Defaulted here, not before: a retry with the same idempotency key is the same request.
            expiresAt: command.expiresAt ?? this.defaultExpiry(),
            playbookCode: command.playbookCode ?? null,
          }),
        );
        await this.insertComponents(manager, intent.id, components);
        if (publish) await recordEvent(manager, OutboxTopic.MATCHING_REQUESTED, { intentId: intent.id });
        return intent.id;
      },
    );
    return this.findOwned(viewer, id);
  }

  async update(viewer: Viewer, id: string, command: UpdateIntentCommand): Promise<Intent> {
    await this.validateFields(command, 'input');
    if (command.components) {
      if (command.components.length === 0) throw badInput('input.components', 'an intent needs at least one component');
      await this.validateComponents(command.components);
    }
    await this.dataSource.transaction(async (manager) => {
      const intent = await this.lockOwned(manager, viewer, id);
      if (!EDITABLE.includes(intent.status))
        throw conflict(`An intent that is ${intent.status} can no longer be changed`);
      const changes: Partial<Intent> = {};
      if (command.title !== undefined) changes.title = command.title;
      if (command.description !== undefined) changes.description = command.description ?? '';
      if (command.categoryCode !== undefined) changes.categoryCode = command.categoryCode;
      if (command.location !== undefined) Object.assign(changes, toIntentLocation(command.location));
      if (command.windowStart !== undefined) changes.windowStart = command.windowStart;
      if (command.windowEnd !== undefined) changes.windowEnd = command.windowEnd;
      if (command.budget !== undefined) Object.assign(changes, this.budgetColumns(command.budget));
      if (command.expiresAt !== undefined) changes.expiresAt = command.expiresAt;
      const merged = { ...intent, ...changes };
      if (merged.windowStart && merged.windowEnd && merged.windowEnd < merged.windowStart) {
        throw badInput('input.windowEnd', 'windowEnd must not be before windowStart');
      }
      if (Object.keys(changes).length > 0) await manager.update(Intent, { id: intent.id }, changes);
      if (command.components) await this.replaceComponents(manager, intent.id, command.components);
      const needsChanged =
        command.components ||
        (['title', 'description', 'categoryCode', 'coarseLat', 'coarseLng'] as const).some(
          (key) => merged[key] !== intent[key],
        );
      if (intent.status === IntentStatus.OPEN && needsChanged) await this.rematch(manager, intent.id);
      const budgetChanged =
        merged.budgetMinor !== intent.budgetMinor || merged.budgetCurrency !== intent.budgetCurrency;
      if (intent.status === IntentStatus.OPEN && (budgetChanged || command.components)) {
        const kind = budgetChanged ? AssemblyChangeKind.BUDGET : AssemblyChangeKind.COMPONENTS;
        await requestAssembly(manager, [{ intentId: intent.id, change: { kind } }]);
      }
    });
    return this.findOwned(viewer, id);
  }

  async publish(viewer: Viewer, id: string): Promise<Intent> {
    await this.dataSource.transaction(async (manager) => {
      const intent = await this.lockOwned(manager, viewer, id);
      if (intent.status !== IntentStatus.DRAFT)
        throw conflict(`Only a draft can be published; this one is ${intent.status}`);
      if (intent.expiresAt.getTime() <= Date.now()) throw badInput('expiresAt', 'the intent has already expired');
      await this.open(manager, intent);
    });
    return this.findOwned(viewer, id);
  }

  async withdraw(viewer: Viewer, id: string): Promise<Intent> {
    await this.dataSource.transaction(async (manager) => {
      const intent = await this.lockOwned(manager, viewer, id);
      if (!EDITABLE.includes(intent.status)) throw conflict(`An intent that is ${intent.status} cannot be withdrawn`);
      await manager.update(Intent, { id: intent.id }, { status: IntentStatus.WITHDRAWN, closedAt: new Date() });
      await this.notifyClosed(manager, [intent], NotificationType.INTENT_WITHDRAWN);
      if (intent.status === IntentStatus.OPEN) await this.recordClosed(manager, [intent.id]);
      if (intent.assemblyOutcome || intent.assemblyRequestedVersion > 0) {
        await requestAssembly(manager, [{ intentId: intent.id, change: { kind: AssemblyChangeKind.INTENT_CLOSED } }]);
      }
    });
    return this.findOwned(viewer, id);
  }

  /** The intent if the viewer may see it: its owner, or a vendor it was matched to. Otherwise NOT_FOUND. */
  async findVisible(viewer: Viewer, id: string, manager: EntityManager = this.dataSource.manager): Promise<Intent> {
    const intentId = requireId(id);
    const query = manager.createQueryBuilder(Intent, 'intent').where('intent.id = :intentId', { intentId });
    if (viewer.kind === AccountKind.VENDOR && viewer.vendorId) {
      query
        .andWhere('intent.status <> :draft', { draft: IntentStatus.DRAFT })
        .andWhere(`EXISTS (SELECT 1 FROM intent_matches m WHERE m.intent_id = intent.id AND m.vendor_id = :vendorId)`, {
          vendorId: viewer.vendorId,
        });
    } else {
      query.andWhere('intent.owner_id = :ownerId', { ownerId: viewer.accountId });
    }
    const intent = await query.getOne();
    if (!intent) throw notFound('Intent');
    return intent;
  }

  async findOwned(viewer: Viewer, id: string): Promise<Intent> {
    const intent = await this.dataSource
      .getRepository(Intent)
      .findOne({ where: { id: requireId(id), ownerId: viewer.accountId } });
    if (!intent) throw notFound('Intent');
    return intent;
  }

  async listOwned(
    viewer: Viewer,
    options: { status?: IntentStatus | null; first: number; after?: string | null },
  ): Promise<Page<Intent>> {
    const query = this.dataSource
      .getRepository(Intent)
      .createQueryBuilder('intent')
      .where('intent.owner_id = :ownerId', { ownerId: viewer.accountId });
    if (options.status) query.andWhere('intent.status = :status', { status: options.status });
    return keysetPage(query, 'intent', options);
  }

  async componentsByIntentIds(intentIds: readonly string[]): Promise<IntentComponent[]> {
    if (intentIds.length === 0) return [];
    return findEntities(this.dataSource.manager, IntentComponent, {
      where: { intentId: In([...intentIds]) },
      order: { intentId: 'ASC', position: 'ASC' },
    });
  }

  async findByIds(ids: readonly string[]): Promise<Intent[]> {
    if (ids.length === 0) return [];
    return findEntities(this.dataSource.manager, Intent, { where: { id: In([...ids]) } });
  }

  /**
   * Closes open intents past their expiry, tells their owners and offering vendors, and has any
   * assembled solutions of theirs recomputed (to none), in one transaction. Returns the ids it closed.
   */
  async expireDue(now = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      // Locked in id order, like every transaction that locks several intents.
      const rows = await queryRows<{ id: string; owner_id: string; assembled: boolean }>(
        manager,
        `UPDATE intents SET status = $1, closed_at = $2, updated_at = now()
          WHERE status = $3 AND id IN (
                  SELECT id FROM intents WHERE status = $3 AND expires_at <= $2 ORDER BY id FOR NO KEY UPDATE)
          RETURNING id, owner_id, (assembly_outcome IS NOT NULL OR assembly_requested_version > 0) AS assembled`,
        [IntentStatus.EXPIRED, now, IntentStatus.OPEN],
      );
      await requestAssembly(
        manager,
        rows
          .filter((row) => row.assembled)
          .map((row) => ({ intentId: row.id, change: { kind: AssemblyChangeKind.INTENT_CLOSED } })),
      );
      const expired = rows.map((row) => ({ id: row.id, ownerId: row.owner_id }));
      await recordNotifications(
        manager,
        expired.map((intent) => ({
          type: NotificationType.INTENT_EXPIRED,
          accountId: intent.ownerId,
          intentId: intent.id,
        })),
      );
      await this.notifyClosed(manager, expired, NotificationType.INTENT_EXPIRED);
      await this.recordClosed(
        manager,
        expired.map((intent) => intent.id),
      );
      return expired.map((intent) => intent.id);
    });
  }

  /** The match job for the intent ran out of retries: say so on the intent, unless it matched since. */
  async markMatchingFailed(intentId: string, error: string): Promise<void> {
    const outcome: MatchingOutcome = { state: MatchingState.FAILED, at: new Date().toISOString(), error };
    await this.dataSource.query(
      `UPDATE intents SET matching_outcome = jsonb_strip_nulls($2::jsonb || jsonb_build_object('round', matching_outcome->'round'))
        WHERE id = $1 AND coalesce(matching_outcome->>'state', '') <> $3`,
      [requireId(intentId), JSON.stringify(outcome), MatchingState.MATCHED],
    );
  }

  /** Tells the vendors with an active offer on these intents that they closed. */
  private async notifyClosed(
    manager: EntityManager,
    intents: Array<Pick<Intent, 'id'>>,
    type: NotificationType.INTENT_EXPIRED | NotificationType.INTENT_WITHDRAWN,
  ): Promise<void> {
    if (intents.length === 0) return;
    const offers = await queryRows<{ id: string; vendor_id: string; intent_id: string }>(
      manager,
      `SELECT id, vendor_id, intent_id FROM offers WHERE intent_id = ANY($1::uuid[]) AND status = 'active'`,
      [intents.map((intent) => intent.id)],
    );
    await recordNotifications(
      manager,
      offers.map((offer) => ({ type, vendorId: offer.vendor_id, intentId: offer.intent_id, offerId: offer.id })),
    );
  }

  /**
   * Vendors leave the broadcast and offer stages of a closed intent: disclosure (above intents)
   * lapses their grants when the worker hands it this event (reads refuse at once regardless).
   */
  private async recordClosed(manager: EntityManager, intentIds: string[]): Promise<void> {
    if (intentIds.length > 0) await recordEvent(manager, OutboxTopic.INTENTS_CLOSED, { intentIds });
  }

  /** An open intent's columns: open since now, waiting for the worker to match it. */
  private openedState(): Pick<Intent, 'status' | 'openedAt' | 'matchingOutcome'> {
    const openedAt = new Date();
    return {
      status: IntentStatus.OPEN,
      openedAt,
      matchingOutcome: { state: MatchingState.PENDING, at: openedAt.toISOString() },
    };
  }

  /**
   * An open intent's needs changed (components, category, text, location): it is matched again in
   * a new round, as pending until the worker ran. Vendors matched before stay matched and are not
   * told twice; those the new needs reach are told.
   */
  private async rematch(manager: EntityManager, intentId: string): Promise<void> {
    const [{ round }] = await queryRows<{ round: number }>(
      manager,
      `UPDATE intents
          SET matching_outcome = jsonb_build_object('state', $2::text, 'at', to_jsonb(now()),
                                                    'round', coalesce((matching_outcome->>'round')::int, 0) + 1)
        WHERE id = $1
        RETURNING (matching_outcome->>'round')::int AS round`,
      [intentId, MatchingState.PENDING],
    );
    await recordEvent(manager, OutboxTopic.MATCHING_REQUESTED, { intentId, round });
  }

  /** Opens a draft and announces it (the outbox row is matched by the worker). */
  private async open(manager: EntityManager, intent: Intent): Promise<void> {
    await manager.update(Intent, { id: intent.id }, this.openedState());
    await recordEvent(manager, OutboxTopic.MATCHING_REQUESTED, { intentId: intent.id });
  }

  private async lockOwned(manager: EntityManager, viewer: Viewer, id: string): Promise<Intent> {
    const intent = await manager.findOne(Intent, {
      where: { id: requireId(id), ownerId: viewer.accountId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!intent) throw notFound('Intent');
    return intent;
  }

  private assertIndividual(viewer: Viewer): void {
    if (viewer.kind !== AccountKind.INDIVIDUAL) throw forbidden('Only individuals post intents');
  }

  private defaultExpiry(): Date {
    return new Date(Date.now() + this.config.INTENT_DEFAULT_EXPIRY_DAYS * 24 * 3600 * 1000);
  }

  private async componentsOf(command: CreateIntentCommand): Promise<ComponentCommand[]> {
    if (command.components && command.components.length > 0) return command.components;
    if (command.playbookCode) {
      const fromPlaybook = await this.playbooks.requireComponents(command.playbookCode, 'input.playbookCode');
      return fromPlaybook.map(({ title, explanation, categoryCode, optional }) => ({
        title,
        description: explanation,
        categoryCode,
        optional,
      }));
    }
    return [{ title: command.title, description: command.description, categoryCode: command.categoryCode }];
  }

  private async validateFields(command: IntentFieldsCommand, field: string): Promise<void> {
    if (command.expiresAt !== undefined) {
      const ms = command.expiresAt.getTime() - Date.now();
      if (ms <= 0) throw badInput(`${field}.expiresAt`, 'expiresAt must be in the future');
      if (ms > MAX_EXPIRY_MS) throw badInput(`${field}.expiresAt`, 'expiresAt must be within a year');
    }
    if (command.windowStart && command.windowEnd && command.windowEnd < command.windowStart) {
      throw badInput(`${field}.windowEnd`, 'windowEnd must not be before windowStart');
    }
    if (command.budget) parseAmount(command.budget.amount, command.budget.currency, `${field}.budget`);
    if (command.location) toIntentLocation(command.location, `${field}.location`);
    await this.taxonomy.assertExist([{ code: command.categoryCode, field: `${field}.categoryCode` }]);
  }

  private async validateComponents(components: ComponentCommand[]): Promise<void> {
    if (components.length > MAX_COMPONENTS) {
      throw badInput('input.components', `at most ${MAX_COMPONENTS} components`);
    }
    await this.taxonomy.assertExist(
      components.map((component, index) => ({
        code: component.categoryCode,
        field: `input.components.${index}.categoryCode`,
      })),
    );
  }

  /** Keeps the listed existing components (by id) with their new fields, adds the others, drops the rest. */
  private async replaceComponents(manager: EntityManager, intentId: string, components: ComponentCommand[]) {
    const existing = new Set((await manager.find(IntentComponent, { where: { intentId } })).map((c) => c.id));
    const kept = new Set<string>();
    components.forEach((component, index) => {
      if (component.id === null || component.id === undefined) return;
      const id = requireId(component.id, `input.components.${index}.id`);
      if (!existing.has(id)) throw badInput(`input.components.${index}.id`, 'not a component of this intent');
      if (kept.has(id)) throw badInput(`input.components.${index}.id`, 'each component may be listed once');
      kept.add(id);
    });
    // Deleted and inserted again (kept ones under their ids): positions are unique per intent.
    await manager.delete(IntentComponent, { intentId });
    await this.insertComponents(manager, intentId, components);
  }

  private async insertComponents(manager: EntityManager, intentId: string, components: ComponentCommand[]) {
    await manager.insert(
      IntentComponent,
      components.map((component, position) => ({
        ...(component.id ? { id: component.id } : {}),
        intentId,
        position,
        title: component.title,
        description: component.description ?? '',
        categoryCode: component.categoryCode ?? null,
        optional: component.optional ?? false,
      })),
    );
  }

  private budgetColumns(budget: MoneyCommand | null | undefined): Pick<Intent, 'budgetMinor' | 'budgetCurrency'> {
    if (!budget) return { budgetMinor: null, budgetCurrency: null };
    return {
      budgetMinor: parseAmount(budget.amount, budget.currency, 'input.budget').toString(),
      budgetCurrency: budget.currency,
    };
  }
}

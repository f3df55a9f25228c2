import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Viewer, requireIndividual } from '@app/accounts';
import { type Page, notFound, requireId } from '@app/common';
import { AppConfig } from '@app/config';
import { ConsentReceipt } from './consent-receipt.entity';
import { buildConsentReceipt, consentReceiptErrors } from './consent-receipt';
import { type PageRequest, keysetPage, queryRows } from '@app/database';
import { DisclosureGrant } from './disclosure-grant.entity';
import { type GrantPlan, GrantEndReason, STAGE_PURPOSE, planGrants } from './disclosure-stages';
import { type IntentVendorPair, type PairState, loadPairStates, pairKey } from './disclosure-state';

/** What a sync changed. */
export interface SyncSummary {
  created: number;
  ended: number;
}

/** Vendors' stages changed on an intent: every vendor related to it, or just `vendorIds`. */
export interface StageChange {
  intentId: string;
  vendorIds?: readonly string[];
}

/** Items of an individual's vault were added, updated or removed. */
export interface VaultChange {
  individualId: string;
  itemKeys: readonly string[];
}

export interface GrantFilter extends PageRequest {
  intentId?: string | null;
  vendorId?: string | null;
}

interface VendorContact {
  id: string;
  name: string;
  email: string | null;
}

const lockKey = (pair: IntentVendorPair) => `intentcast.disclosure:${pairKey(pair)}`;

/**
 * Disclosure grants: made from the intent's policy as vendors reach each stage, one consent
 * receipt per grant, revocable by the individual.
 */
@Injectable()
export class DisclosureGrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Brings the grants of an intent's vendors (every vendor with a match, offer, engagement or
   * grant on it, or just `vendorIds`) in line with the policy, inside the caller's transaction.
   * Called in the transaction of every stage change made in disclosure or above it (a policy set,
   * an offer made, withdrawn or expired, an award); see decideRead for why reads do not need it.
   */
  async syncIntent(manager: EntityManager, intentId: string, vendorIds?: readonly string[]): Promise<SyncSummary> {
    const ids = vendorIds ?? (await this.relatedVendorIds(manager, [intentId])).map((pair) => pair.vendorId);
    return this.syncPairs(
      manager,
      ids.map((vendorId) => ({ intentId, vendorId })),
    );
  }

  /**
   * Makes and ends grants (one consent receipt per new grant) so each pair's grants match its
   * state, inside the caller's transaction. Serialises with concurrent syncs of the same pairs
   * (advisory locks, taken in one order), and loads the state only once it holds them: whichever
   * sync of a pair runs last sees every change committed before it, and its own.
   */
  async syncPairs(manager: EntityManager, pairs: readonly IntentVendorPair[]): Promise<SyncSummary> {
    const unique = [...new Map(pairs.map((pair) => [pairKey(pair), pair])).values()].sort((a, b) =>
      pairKey(a) < pairKey(b) ? -1 : 1,
    );
    if (unique.length === 0) return { created: 0, ended: 0 };
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(k.key, 0))
         FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY k.n`,
      [unique.map(lockKey)],
    );
    const states = await loadPairStates(manager, unique);
    const plans = new Map<string, GrantPlan>();
    for (const [key, state] of states) plans.set(key, planForState(state));
    const ends = [...plans.values()].flatMap((plan) => plan.end);
    await this.endGrants(manager, ends);
    const created = await this.createGrants(manager, states, plans);
    return { created, ended: ends.length };
  }

  /**
   * The worker's side of stage changes recorded below disclosure (OutboxTopic.VENDORS_MATCHED,
   * INTENTS_CLOSED): syncs the grants of the pairs concerned, in one transaction of its own.
   * Idempotent: the relay may hand the same event over twice.
   */
  async stageChanged(changes: readonly StageChange[]): Promise<SyncSummary> {
    if (changes.length === 0) return { created: 0, ended: 0 };
    return this.dataSource.transaction(async (manager) => {
      const everyone = changes.filter((change) => !change.vendorIds).map((change) => change.intentId);
      const pairs = [
        ...changes.flatMap((change) =>
          (change.vendorIds ?? []).map((vendorId) => ({ intentId: change.intentId, vendorId })),
        ),
        ...(await this.relatedVendorIds(manager, everyone)),
      ];
      return this.syncPairs(manager, pairs);
    });
  }

  /**
   * The worker's side of OutboxTopic.VAULT_ITEMS_CHANGED: syncs the grants of every vendor on the
   * individual's intents whose policy names one of the items (or that holds a grant with one), in
   * one transaction of its own. Idempotent.
   */
  async vaultItemsChanged(changes: readonly VaultChange[]): Promise<SyncSummary> {
    if (changes.length === 0) return { created: 0, ended: 0 };
    return this.dataSource.transaction(async (manager) => {
      const flat = changes.flatMap((change) => change.itemKeys.map((itemKey) => [change.individualId, itemKey]));
      const intents = await queryRows<{ intent_id: string }>(
        manager,
        `WITH c AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS c(individual_id, item_key))
         SELECT dp.intent_id FROM disclosure_policies dp JOIN c ON c.individual_id = dp.individual_id
          WHERE c.item_key = ANY(dp.broadcast_keys) OR c.item_key = ANY(dp.offer_keys) OR c.item_key = ANY(dp.award_keys)
         UNION
         SELECT g.intent_id FROM disclosure_grants g JOIN c ON c.individual_id = g.individual_id
          WHERE g.ended_at IS NULL AND c.item_key = ANY(g.item_keys)`,
        [flat.map(([individualId]) => individualId), flat.map(([, itemKey]) => itemKey)],
      );
      return this.syncPairs(
        manager,
        await this.relatedVendorIds(
          manager,
          intents.map((row) => row.intent_id),
        ),
      );
    });
  }

  async listForIndividual(viewer: Viewer, filter: GrantFilter): Promise<Page<DisclosureGrant>> {
    const query = this.dataSource
      .getRepository(DisclosureGrant)
      .createQueryBuilder('grant')
      .where('grant.individual_id = :individualId', { individualId: requireIndividual(viewer, 'manage disclosures') });
    if (filter.intentId)
      query.andWhere('grant.intent_id = :intentId', { intentId: requireId(filter.intentId, 'intentId') });
    if (filter.vendorId)
      query.andWhere('grant.vendor_id = :vendorId', { vendorId: requireId(filter.vendorId, 'vendorId') });
    return keysetPage(query, 'grant', filter);
  }

  /**
   * Revokes the vendor's access to this intent's personal data: every grant it holds on the intent
   * ends, none is made again, and its later reads fail with FORBIDDEN (and are logged).
   */
  async revoke(viewer: Viewer, grantId: string): Promise<DisclosureGrant> {
    const individualId = requireIndividual(viewer, 'manage disclosures');
    const id = requireId(grantId);
    return this.dataSource.transaction(async (manager) => {
      const grant = await manager.findOne(DisclosureGrant, { where: { id, individualId } });
      if (!grant) throw notFound('Disclosure grant');
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(grant)]);
      await manager.query(
        `UPDATE disclosure_grants SET ended_at = COALESCE(ended_at, now()),
                end_reason = COALESCE(end_reason, $3), revoked_at = COALESCE(revoked_at, now())
          WHERE intent_id = $1 AND vendor_id = $2 AND (ended_at IS NULL OR id = $4)`,
        [grant.intentId, grant.vendorId, GrantEndReason.REVOKED, grant.id],
      );
      return manager.findOneOrFail(DisclosureGrant, { where: { id } });
    });
  }

  async findByIds(ids: readonly string[]): Promise<DisclosureGrant[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(DisclosureGrant).find({ where: { id: In([...ids]) } });
  }

  /** Every vendor with a match, offer, engagement or active grant on each intent. */
  private async relatedVendorIds(manager: EntityManager, intentIds: readonly string[]): Promise<IntentVendorPair[]> {
    if (intentIds.length === 0) return [];
    const rows = await queryRows<{ intent_id: string; vendor_id: string }>(
      manager,
      `SELECT intent_id, vendor_id FROM intent_matches WHERE intent_id = ANY($1::uuid[])
       UNION SELECT intent_id, vendor_id FROM offers WHERE intent_id = ANY($1::uuid[])
       UNION SELECT intent_id, vendor_id FROM engagements WHERE intent_id = ANY($1::uuid[])
       UNION SELECT intent_id, vendor_id FROM disclosure_grants WHERE intent_id = ANY($1::uuid[]) AND ended_at IS NULL`,
      [[...new Set(intentIds)]],
    );
    return rows.map((row) => ({ intentId: row.intent_id, vendorId: row.vendor_id }));
  }

  private async endGrants(manager: EntityManager, ends: GrantPlan['end']): Promise<void> {
    const byReason = new Map<GrantEndReason, string[]>();
    for (const end of ends) byReason.set(end.reason, [...(byReason.get(end.reason) ?? []), end.id]);
    for (const [reason, ids] of byReason) {
      await manager.query(
        `UPDATE disclosure_grants SET ended_at = now(), end_reason = $2 WHERE id = ANY($1::uuid[]) AND ended_at IS NULL`,
        [ids, reason],
      );
    }
  }

  /** Inserts the planned grants and their consent receipts; returns how many grants it made. */
  private async createGrants(
    manager: EntityManager,
    states: Map<string, PairState>,
    plans: Map<string, GrantPlan>,
  ): Promise<number> {
    const wanted = [...plans].filter(([, plan]) => plan.create.length > 0);
    if (wanted.length === 0) return 0;
    const vendors = await this.vendorContacts(manager, [...new Set(wanted.map(([key]) => states.get(key)!.vendorId))]);
    const grants: DisclosureGrant[] = [];
    const receipts: Array<Partial<ConsentReceipt>> = [];
    const now = new Date();
    for (const [key, plan] of wanted) {
      const state = states.get(key)!;
      const vendor = vendors.get(state.vendorId);
      if (!vendor) continue;
      for (const { stage, itemKeys } of plan.create) {
        const grant = manager.create(DisclosureGrant, {
          id: randomUUID(),
          individualId: state.ownerId,
          intentId: state.intentId,
          vendorId: state.vendorId,
          stage,
          itemKeys,
          purpose: STAGE_PURPOSE[stage],
          termsVersion: state.terms.version,
          createdAt: now,
          endedAt: null,
          endReason: null,
          revokedAt: null,
        });
        const document = buildConsentReceipt({
          receiptId: randomUUID(),
          grantId: grant.id,
          consentedAt: state.policyUpdatedAt ?? now,
          jurisdiction: this.config.PRIVACY_JURISDICTION,
          policyUrl: this.config.PRIVACY_POLICY_URL,
          individualId: state.ownerId,
          intentId: state.intentId,
          vendor,
          stage,
          purpose: grant.purpose,
          items: itemKeys.map((itemKey) => ({ key: itemKey, sensitivity: state.vault.get(itemKey)! })),
          terms: state.terms,
        });
        const errors = consentReceiptErrors(document);
        if (errors.length > 0) throw new Error(`consent receipt does not match its schema: ${errors.join('; ')}`);
        grants.push(grant);
        receipts.push({
          id: document.consentReceiptID,
          individualId: state.ownerId,
          grantId: grant.id,
          document,
          createdAt: now,
        });
      }
    }
    if (grants.length > 0) {
      await manager.insert(DisclosureGrant, grants);
      await manager.insert(ConsentReceipt, receipts);
    }
    return grants.length;
  }

  private async vendorContacts(manager: EntityManager, vendorIds: string[]): Promise<Map<string, VendorContact>> {
    const rows: VendorContact[] = await manager.query(
      `SELECT v.id, v.name, a.email FROM vendors v JOIN accounts a ON a.id = v.account_id WHERE v.id = ANY($1::uuid[])`,
      [vendorIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}

export function planForState(state: PairState): GrantPlan {
  return planGrants(state.policy, new Set(state.vault.keys()), state.standing, state.grants, state.ownerErased);
}

import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccountKind, type Viewer, requireIndividual } from '@app/accounts';
import { badInput, forbidden } from '@app/common';
import { queryRows } from '@app/database';
import { IntentsService } from '@app/intents';
import { parseItemKey } from '@app/vault';
import { DisclosureGrantsService } from './disclosure-grants.service';
import { DisclosurePolicy } from './disclosure-policy.entity';
import { DisclosureStage, STAGES, type StagePolicy } from './disclosure-stages';
import { toStagePolicy } from './disclosure-state';
import {
  DEFAULT_TERMS,
  DEFAULT_TERMS_VERSION,
  IntentPrivacyTerms,
  type PrivacyTermsValues,
} from './privacy-terms.entity';

export const MAX_ITEMS_PER_STAGE = 20;
export const MAX_RETENTION_DAYS = 3650;

export interface PolicyView {
  intentId: string;
  policy: StagePolicy;
  updatedAt: Date | null;
}

export interface TermsView extends PrivacyTermsValues {
  intentId: string;
  version: number;
  /** false until the individual states terms: the defaults apply. */
  stated: boolean;
  updatedAt: Date | null;
}

export type StagePolicyCommand = Partial<Record<DisclosureStage, string[] | null>>;

/** The individual's choices per intent: what each stage discloses, and the terms vendors accept first. */
@Injectable()
export class DisclosurePolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentsService,
    private readonly grants: DisclosureGrantsService,
  ) {}

  /** Policies of intents the caller already may see as owner, for DataLoader batching. */
  async policiesFor(intentIds: readonly string[]): Promise<PolicyView[]> {
    if (intentIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(DisclosurePolicy)
      .find({ where: { intentId: In([...intentIds]) } });
    const byIntent = new Map(rows.map((row) => [row.intentId, row]));
    return intentIds.map((intentId) => {
      const row = byIntent.get(intentId);
      return { intentId, policy: toStagePolicy(row), updatedAt: row?.updatedAt ?? null };
    });
  }

  /**
   * Replaces the intent's disclosure policy (stages left out become empty). Every named item must
   * be in the vault. Grants of vendors already at a stage change at once, with new receipts.
   */
  async setPolicy(viewer: Viewer, intentId: string, command: StagePolicyCommand): Promise<PolicyView> {
    const individualId = requireIndividual(viewer, 'manage disclosures');
    const intent = await this.intents.findOwned(viewer, intentId);
    const policy = {} as Record<DisclosureStage, string[]>;
    for (const stage of STAGES) {
      const keys = command[stage] ?? [];
      if (keys.length > MAX_ITEMS_PER_STAGE) {
        throw badInput(`input.${stage}`, `at most ${MAX_ITEMS_PER_STAGE} items per stage`);
      }
      policy[stage] = [...new Set(keys.map((key, index) => parseItemKey(key, `input.${stage}.${index}`)))].sort();
    }
    const named = [...new Set(STAGES.flatMap((stage) => policy[stage]))];
    const present = await queryRows<{ item_key: string }>(
      this.dataSource,
      `SELECT item_key FROM vault_items WHERE individual_id = $1 AND item_key = ANY($2::text[])`,
      [individualId, named],
    );
    const presentKeys = new Set(present.map((row) => row.item_key));
    for (const stage of STAGES) {
      const missing = policy[stage].find((key) => !presentKeys.has(key));
      if (missing) throw badInput(`input.${stage}`, `${missing} is not in your vault`);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO disclosure_policies (intent_id, individual_id, broadcast_keys, offer_keys, award_keys)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (intent_id) DO UPDATE
            SET broadcast_keys = EXCLUDED.broadcast_keys, offer_keys = EXCLUDED.offer_keys,
                award_keys = EXCLUDED.award_keys, updated_at = now()`,
        [intent.id, individualId, policy.broadcast, policy.offer, policy.award],
      );
      await this.grants.syncIntent(manager, intent.id);
    });
    const [view] = await this.policiesFor([intent.id]);
    return view;
  }

  /** Terms of intents the caller already may see (owner or matched vendor), defaults where none were stated. */
  async termsFor(intentIds: readonly string[]): Promise<TermsView[]> {
    if (intentIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(IntentPrivacyTerms)
      .find({ where: { intentId: In([...intentIds]) } });
    const byIntent = new Map(rows.map((row) => [row.intentId, row]));
    return intentIds.map((intentId) => {
      const row = byIntent.get(intentId);
      return row
        ? {
            intentId,
            version: row.version,
            noMarketing: row.noMarketing,
            noResale: row.noResale,
            retentionDays: row.retentionDays,
            stated: true,
            updatedAt: row.updatedAt,
          }
        : { intentId, version: DEFAULT_TERMS_VERSION, ...DEFAULT_TERMS, stated: false, updatedAt: null };
    });
  }

  /** States new terms (a new version): vendors must accept them before they see any disclosed item again. */
  async setTerms(viewer: Viewer, intentId: string, terms: PrivacyTermsValues): Promise<TermsView> {
    const individualId = requireIndividual(viewer, 'manage disclosures');
    if (!Number.isInteger(terms.retentionDays) || terms.retentionDays < 0 || terms.retentionDays > MAX_RETENTION_DAYS) {
      throw badInput('input.retentionDays', `retentionDays must be a whole number from 0 to ${MAX_RETENTION_DAYS}`);
    }
    const intent = await this.intents.findOwned(viewer, intentId);
    await this.dataSource.query(
      `INSERT INTO intent_privacy_terms (intent_id, individual_id, version, no_marketing, no_resale, retention_days)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (intent_id) DO UPDATE
          SET version = intent_privacy_terms.version + 1, no_marketing = EXCLUDED.no_marketing,
              no_resale = EXCLUDED.no_resale, retention_days = EXCLUDED.retention_days, updated_at = now()`,
      [intent.id, individualId, DEFAULT_TERMS_VERSION + 1, terms.noMarketing, terms.noResale, terms.retentionDays],
    );
    const [view] = await this.termsFor([intent.id]);
    return view;
  }

  /** A vendor that can see the intent accepts its current terms (recorded with the terms as they were). */
  async acceptTerms(viewer: Viewer, intentId: string): Promise<TermsView> {
    if (viewer.kind !== AccountKind.VENDOR || !viewer.vendorId) throw forbidden('Only vendors accept privacy terms');
    const intent = await this.intents.findVisible(viewer, intentId);
    const [terms] = await this.termsFor([intent.id]);
    await this.dataSource.query(
      `INSERT INTO privacy_terms_acceptances (intent_id, vendor_id, version, terms)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [
        intent.id,
        viewer.vendorId,
        terms.version,
        { noMarketing: terms.noMarketing, noResale: terms.noResale, retentionDays: terms.retentionDays },
      ],
    );
    return terms;
  }

  /** Whether the vendor accepted the current terms of each intent. */
  async acceptedCurrent(vendorId: string, intentIds: readonly string[]): Promise<boolean[]> {
    if (intentIds.length === 0) return [];
    const rows = await queryRows<{ intent_id: string }>(
      this.dataSource,
      `SELECT p.intent_id FROM unnest($1::uuid[]) AS p(intent_id)
         LEFT JOIN intent_privacy_terms t ON t.intent_id = p.intent_id
        WHERE EXISTS (SELECT 1 FROM privacy_terms_acceptances a
                       WHERE a.intent_id = p.intent_id AND a.vendor_id = $2 AND a.version = COALESCE(t.version, $3))`,
      [[...intentIds], vendorId, DEFAULT_TERMS_VERSION],
    );
    const accepted = new Set(rows.map((row) => row.intent_id));
    return intentIds.map((intentId) => accepted.has(intentId));
  }
}

import type { EntityManager } from 'typeorm';
import { IntentStatus } from '@app/intents';
import type { Sensitivity } from '@app/vault';
import { DisclosureGrant } from './disclosure-grant.entity';
import { DisclosurePolicy } from './disclosure-policy.entity';
import { DisclosureStage, EMPTY_POLICY, type StagePolicy, type VendorStanding } from './disclosure-stages';
import { DEFAULT_TERMS, DEFAULT_TERMS_VERSION, type PrivacyTermsValues } from './privacy-terms.entity';

export interface IntentVendorPair {
  intentId: string;
  vendorId: string;
}

/** Everything that decides what one vendor may see of one intent's owner, read in one go. */
export interface PairState extends IntentVendorPair {
  ownerId: string;
  ownerErased: boolean;
  standing: VendorStanding;
  policy: StagePolicy;
  policyUpdatedAt: Date | null;
  /** The owner's vault: item key → class. */
  vault: Map<string, Sensitivity>;
  grants: DisclosureGrant[];
  terms: PrivacyTermsValues & { version: number };
  termsAccepted: boolean;
}

export const pairKey = (pair: IntentVendorPair) => `${pair.intentId}:${pair.vendorId}`;

export function toStagePolicy(policy: DisclosurePolicy | null | undefined): StagePolicy {
  if (!policy) return EMPTY_POLICY;
  return {
    [DisclosureStage.BROADCAST]: policy.broadcastKeys,
    [DisclosureStage.OFFER]: policy.offerKeys,
    [DisclosureStage.AWARD]: policy.awardKeys,
  };
}

interface PairRow {
  intent_id: string;
  vendor_id: string;
  owner_id: string;
  status: IntentStatus;
  owner_erased: boolean;
  matched: boolean;
  offered: boolean;
  awarded: boolean;
  terms_accepted: boolean;
  terms_version: number | null;
  no_marketing: boolean | null;
  no_resale: boolean | null;
  retention_days: number | null;
  broadcast_keys: string[] | null;
  offer_keys: string[] | null;
  award_keys: string[] | null;
  policy_updated_at: Date | null;
  grants: Array<{
    id: string;
    individual_id: string;
    intent_id: string;
    vendor_id: string;
    stage: DisclosureStage;
    item_keys: string[];
    purpose: string;
    terms_version: number;
    created_at: string;
    ended_at: string | null;
    end_reason: string | null;
    revoked_at: string | null;
  }>;
  vault: Record<string, Sensitivity>;
}

const dateOrNull = (value: string | null) => (value ? new Date(value) : null);

/**
 * Reads the state of many (intent, vendor) pairs in one query, inside the caller's transaction
 * (this is on every vendor read, so round trips count). Pairs whose intent does not exist are left out.
 */
export async function loadPairStates(
  manager: EntityManager,
  pairs: readonly IntentVendorPair[],
): Promise<Map<string, PairState>> {
  const states = new Map<string, PairState>();
  if (pairs.length === 0) return states;
  const rows: PairRow[] = await manager.query(
    `SELECT p.intent_id, p.vendor_id, i.owner_id, i.status, a.erased_at IS NOT NULL AS owner_erased,
            EXISTS (SELECT 1 FROM intent_matches m WHERE m.intent_id = p.intent_id AND m.vendor_id = p.vendor_id) AS matched,
            EXISTS (SELECT 1 FROM offers o
                     WHERE o.intent_id = p.intent_id AND o.vendor_id = p.vendor_id AND o.status = 'active') AS offered,
            EXISTS (SELECT 1 FROM engagements e
                     WHERE e.intent_id = p.intent_id AND e.vendor_id = p.vendor_id AND e.status <> 'cancelled') AS awarded,
            EXISTS (SELECT 1 FROM privacy_terms_acceptances ta
                     WHERE ta.intent_id = p.intent_id AND ta.vendor_id = p.vendor_id
                       AND ta.version = COALESCE(t.version, $3)) AS terms_accepted,
            t.version AS terms_version, t.no_marketing, t.no_resale, t.retention_days,
            dp.broadcast_keys, dp.offer_keys, dp.award_keys, dp.updated_at AS policy_updated_at,
            (SELECT COALESCE(json_agg(g ORDER BY g.created_at, g.id), '[]'::json) FROM disclosure_grants g
              WHERE g.intent_id = p.intent_id AND g.vendor_id = p.vendor_id) AS grants,
            (SELECT COALESCE(json_object_agg(v.item_key, v.sensitivity), '{}'::json) FROM vault_items v
              WHERE v.individual_id = i.owner_id) AS vault
       FROM unnest($1::uuid[], $2::uuid[]) AS p(intent_id, vendor_id)
       JOIN intents i ON i.id = p.intent_id
       JOIN accounts a ON a.id = i.owner_id
       LEFT JOIN intent_privacy_terms t ON t.intent_id = p.intent_id
       LEFT JOIN disclosure_policies dp ON dp.intent_id = p.intent_id`,
    [pairs.map((pair) => pair.intentId), pairs.map((pair) => pair.vendorId), DEFAULT_TERMS_VERSION],
  );
  for (const row of rows) {
    const grants = row.grants.map((grant) =>
      manager.create(DisclosureGrant, {
        id: grant.id,
        individualId: grant.individual_id,
        intentId: grant.intent_id,
        vendorId: grant.vendor_id,
        stage: grant.stage,
        itemKeys: grant.item_keys,
        purpose: grant.purpose,
        termsVersion: grant.terms_version,
        createdAt: new Date(grant.created_at),
        endedAt: dateOrNull(grant.ended_at),
        endReason: grant.end_reason,
        revokedAt: dateOrNull(grant.revoked_at),
      }),
    );
    states.set(pairKey({ intentId: row.intent_id, vendorId: row.vendor_id }), {
      intentId: row.intent_id,
      vendorId: row.vendor_id,
      ownerId: row.owner_id,
      ownerErased: row.owner_erased,
      standing: {
        intentOpen: row.status === IntentStatus.OPEN,
        matched: row.matched,
        offered: row.offered,
        awarded: row.awarded,
      },
      policy: row.broadcast_keys
        ? {
            [DisclosureStage.BROADCAST]: row.broadcast_keys,
            [DisclosureStage.OFFER]: row.offer_keys ?? [],
            [DisclosureStage.AWARD]: row.award_keys ?? [],
          }
        : EMPTY_POLICY,
      policyUpdatedAt: row.policy_updated_at,
      vault: new Map(Object.entries(row.vault)),
      grants,
      terms:
        row.terms_version !== null
          ? {
              version: row.terms_version,
              noMarketing: row.no_marketing ?? DEFAULT_TERMS.noMarketing,
              noResale: row.no_resale ?? DEFAULT_TERMS.noResale,
              retentionDays: row.retention_days ?? DEFAULT_TERMS.retentionDays,
            }
          : { version: DEFAULT_TERMS_VERSION, ...DEFAULT_TERMS },
      termsAccepted: row.terms_accepted,
    });
  }
  return states;
}

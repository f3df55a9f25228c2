/**
 * Staged disclosure, as pure functions: which stages a vendor has reached on an intent, which
 * vault items each stage releases, and how the stored grants must change to match.
 */
export enum DisclosureStage {
  /** Every vendor matched to the open intent. Default: nothing beyond the coarse location. */
  BROADCAST = 'broadcast',
  /** Vendors with an active offer on the open intent. */
  OFFER = 'offer',
  /** Vendors awarded (part of) the intent. */
  AWARD = 'award',
}

export const STAGES: readonly DisclosureStage[] = [
  DisclosureStage.BROADCAST,
  DisclosureStage.OFFER,
  DisclosureStage.AWARD,
];

/** The purpose a vendor may use the items of each stage for (consent receipts, data-use log). */
export const STAGE_PURPOSE: Record<DisclosureStage, string> = {
  [DisclosureStage.BROADCAST]: 'Decide whether to make an offer on the intent',
  [DisclosureStage.OFFER]: 'Prepare and clarify an offer on the intent',
  [DisclosureStage.AWARD]: 'Deliver the engagement awarded on the intent',
};

export enum GrantEndReason {
  /** The individual revoked the vendor's access on this intent: nothing more, and reads are refused. */
  REVOKED = 'revoked',
  /** The individual erased their account. */
  ERASED = 'erased',
  /** Replaced by a grant with a different set of items (policy or vault changed). */
  SUPERSEDED = 'superseded',
  /** The vendor left the stage (offer withdrawn or lost, intent closed). */
  LAPSED = 'lapsed',
}

export type StagePolicy = Record<DisclosureStage, readonly string[]>;

export const EMPTY_POLICY: StagePolicy = {
  [DisclosureStage.BROADCAST]: [],
  [DisclosureStage.OFFER]: [],
  [DisclosureStage.AWARD]: [],
};

/** Where a vendor stands on one intent. */
export interface VendorStanding {
  intentOpen: boolean;
  matched: boolean;
  /** Has an active offer. */
  offered: boolean;
  /** Has an engagement that is not cancelled. */
  awarded: boolean;
}

/** Stages are cumulative: a winner also holds what offering and matched vendors were given. */
export function reachedStages(standing: VendorStanding): Set<DisclosureStage> {
  const stages = new Set<DisclosureStage>();
  if (standing.awarded) return new Set(STAGES);
  if (standing.intentOpen && standing.matched) stages.add(DisclosureStage.BROADCAST);
  if (standing.intentOpen && standing.offered) {
    stages.add(DisclosureStage.BROADCAST);
    stages.add(DisclosureStage.OFFER);
  }
  return stages;
}

export interface GrantState {
  id: string;
  stage: DisclosureStage;
  itemKeys: readonly string[];
  endedAt: Date | null;
  /** Set when the individual revoked it: blocks the vendor on the intent for good. */
  revokedAt: Date | null;
}

export interface GrantPlan {
  /** A grant to this vendor on this intent was revoked (or the individual left): refuse reads. */
  blocked: boolean;
  /** Grants that stay as they are and count for reads. */
  keep: GrantState[];
  create: Array<{ stage: DisclosureStage; itemKeys: string[] }>;
  end: Array<{ id: string; reason: GrantEndReason }>;
}

const sameKeys = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * What each stage releases to a vendor standing where it stands: for a stage it reached, the
 * policy's items that exist in the vault (sorted, once each); nothing for a stage it did not
 * reach. The one rule both the reader (decideRead) and the grants (planGrants) follow.
 */
export function entitlement(
  policy: StagePolicy,
  vaultKeys: ReadonlySet<string>,
  standing: VendorStanding,
): Record<DisclosureStage, string[]> {
  const reached = reachedStages(standing);
  const entitled = {} as Record<DisclosureStage, string[]>;
  for (const stage of STAGES) {
    entitled[stage] = reached.has(stage) ? [...new Set(policy[stage].filter((key) => vaultKeys.has(key)))].sort() : [];
  }
  return entitled;
}

/** A revoked grant blocks the vendor on the intent for good; an erased owner blocks everyone. */
export const isBlocked = (grants: readonly GrantState[], ownerErased: boolean) =>
  ownerErased || grants.some((grant) => grant.revokedAt !== null);

/**
 * What must change so the vendor's grants match the policy: for each stage the vendor reached,
 * exactly one active grant whose items are the policy's items that exist in the vault.
 */
export function planGrants(
  policy: StagePolicy,
  vaultKeys: ReadonlySet<string>,
  standing: VendorStanding,
  grants: readonly GrantState[],
  ownerErased = false,
): GrantPlan {
  const active = grants.filter((grant) => grant.endedAt === null);
  if (isBlocked(grants, ownerErased)) {
    const reason = ownerErased ? GrantEndReason.ERASED : GrantEndReason.REVOKED;
    return { blocked: true, keep: [], create: [], end: active.map((grant) => ({ id: grant.id, reason })) };
  }
  const reached = reachedStages(standing);
  const entitledBy = entitlement(policy, vaultKeys, standing);
  const plan: GrantPlan = { blocked: false, keep: [], create: [], end: [] };
  for (const stage of STAGES) {
    const entitled = entitledBy[stage];
    const current = active.filter((grant) => grant.stage === stage);
    const [first, ...duplicates] = current;
    for (const duplicate of duplicates) plan.end.push({ id: duplicate.id, reason: GrantEndReason.SUPERSEDED });
    if (first && entitled.length > 0 && sameKeys(first.itemKeys, entitled)) {
      plan.keep.push(first);
      continue;
    }
    if (first) {
      plan.end.push({ id: first.id, reason: reached.has(stage) ? GrantEndReason.SUPERSEDED : GrantEndReason.LAPSED });
    }
    if (entitled.length > 0) plan.create.push({ stage, itemKeys: entitled });
  }
  return plan;
}

export const planChanges = (plan: GrantPlan) => plan.create.length > 0 || plan.end.length > 0;

import { DataUseOutcome } from './data-use-log-entry.entity';
import {
  type DisclosureStage,
  GrantEndReason,
  type GrantState,
  STAGES,
  STAGE_PURPOSE,
  entitlement,
  isBlocked,
} from './disclosure-stages';
import type { PairState } from './disclosure-state';

/** Why a read was refused, as the data-use log records it. */
export enum DenialDetail {
  REVOKED = 'revoked',
  ERASED = 'erased',
  TERMS_NOT_ACCEPTED = 'terms_not_accepted',
}

/** The data-use log row a read (or refused read) appends; the reader adds who, which intent and how. */
export interface ReadLogEntry {
  itemKeys: string[];
  purpose: string;
  outcome: DataUseOutcome;
  detail: DenialDetail | null;
}

/** An item the vendor may read, and the earliest stage that released it. */
export interface DecidedItem {
  key: string;
  stage: DisclosureStage;
}

export type ReadDecision =
  /** The vendor has no standing on the intent (never matched, awarded or granted): it does not exist for it. */
  | { kind: 'not_visible' }
  /** Refused, and logged as such. */
  | { kind: 'refused'; detail: DenialDetail; log: ReadLogEntry }
  /** These items, in key order (none: nothing to read and nothing logged). */
  | { kind: 'read'; items: DecidedItem[]; log: ReadLogEntry | null };

/** What the state passed to decideRead must hold: one loaded PairState, or a hand-made one in tests. */
export type ReadState = Pick<PairState, 'ownerErased' | 'standing' | 'policy' | 'vault' | 'termsAccepted'> & {
  grants: ReadonlyArray<GrantState & { endReason?: string | null }>;
};

const REFUSED_PURPOSE = 'Refused read';

/**
 * What one vendor may read of one intent's owner, decided from the state as it is now: the
 * policy, the vault, where the vendor stands (matched, offering, awarded; the intent open or not),
 * revocation and erasure, and whether it accepted the current terms. Pure: no database, no clock.
 *
 * The invariant this rests on: a read follows the current state, never the stored grants' item
 * lists. Grants and their consent receipts are the record of what each stage released; they are
 * brought in line by DisclosureGrantsService.syncPairs when the state changes: in the same
 * transaction where the change happens in disclosure or above it (the policy, offers, awards), and
 * by the worker, from an outbox event recorded in the change's transaction, where it happens below
 * (matching, the vault, an intent closing). In the moment between such a commit and the worker's
 * sync, the grants lag but reads do not: an item removed from the vault, a stage left or an intent
 * closed is refused at once, a new match or vault item is readable at once (and its grant and
 * receipt follow with the event, which committed with the change). The stored grants count only
 * for what cannot be derived: a revoked grant blocks the vendor on the intent for good, and a
 * vendor that was granted something still sees the intent exists. Reads never write grants.
 */
export function decideRead(state: ReadState): ReadDecision {
  if (!state.standing.matched && !state.standing.awarded && state.grants.length === 0) {
    return { kind: 'not_visible' };
  }
  if (isBlocked(state.grants, state.ownerErased)) {
    // Erased before anything was ever granted: there is nothing to refuse.
    if (state.grants.length === 0) return { kind: 'read', items: [], log: null };
    const detail = state.ownerErased ? DenialDetail.ERASED : DenialDetail.REVOKED;
    const asked = grantedKeys(
      state.grants.filter((grant) => grant.revokedAt !== null || grant.endReason === GrantEndReason.ERASED),
    );
    return {
      kind: 'refused',
      detail,
      log: {
        itemKeys: asked.length > 0 ? asked : grantedKeys(state.grants),
        purpose: REFUSED_PURPOSE,
        outcome: DataUseOutcome.DENIED,
        detail,
      },
    };
  }
  const entitled = entitlement(state.policy, new Set(state.vault.keys()), state.standing);
  const stageOf = new Map<string, DisclosureStage>();
  for (const stage of STAGES) {
    for (const key of entitled[stage]) if (!stageOf.has(key)) stageOf.set(key, stage);
  }
  const items = [...stageOf.keys()].sort().map((key) => ({ key, stage: stageOf.get(key)! }));
  if (items.length === 0) return { kind: 'read', items: [], log: null };
  if (!state.termsAccepted) {
    return {
      kind: 'refused',
      detail: DenialDetail.TERMS_NOT_ACCEPTED,
      log: {
        itemKeys: items.map((item) => item.key),
        purpose: REFUSED_PURPOSE,
        outcome: DataUseOutcome.DENIED,
        detail: DenialDetail.TERMS_NOT_ACCEPTED,
      },
    };
  }
  return { kind: 'read', items, log: readLogEntry(items) };
}

/** The log row of a read of these items (none when nothing was read): the purposes of their stages. */
export function readLogEntry(items: readonly DecidedItem[]): ReadLogEntry | null {
  if (items.length === 0) return null;
  return {
    itemKeys: items.map((item) => item.key),
    purpose: [...new Set(items.map((item) => STAGE_PURPOSE[item.stage]))].join('; '),
    outcome: DataUseOutcome.READ,
    detail: null,
  };
}

const grantedKeys = (grants: ReadState['grants']) => [...new Set(grants.flatMap((grant) => grant.itemKeys))].sort();

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountKind, type Viewer } from '@app/accounts';
import { type AppError, forbidden, notFound, requireId } from '@app/common';
import { type Sensitivity, VaultService } from '@app/vault';
import { DataUseLogEntry, DataUseOutcome } from './data-use-log-entry.entity';
import type { DisclosureGrant } from './disclosure-grant.entity';
import { DisclosureGrantsService, planForState } from './disclosure-grants.service';
import { type DisclosureStage, GrantEndReason, STAGES, STAGE_PURPOSE, planChanges } from './disclosure-stages';
import { type PairState, loadPairStates, pairKey } from './disclosure-state';

export interface DisclosedItem {
  key: string;
  value: string;
  sensitivity: Sensitivity;
  /** The earliest stage that released it to this vendor. */
  stage: DisclosureStage;
}

/** One intent's disclosed items, or why the vendor may not read them. */
export type DisclosureRead = DisclosedItem[] | AppError;

export enum DenialDetail {
  REVOKED = 'revoked',
  ERASED = 'erased',
  TERMS_NOT_ACCEPTED = 'terms_not_accepted',
}

type LogRow = Pick<
  DataUseLogEntry,
  'individualId' | 'vendorId' | 'intentId' | 'itemKeys' | 'purpose' | 'outcome' | 'detail' | 'accessPath'
>;

/**
 * The only way a vendor reads an individual's personal data. In one transaction per batch it
 * brings the vendor's grants up to date, refuses what is revoked or not yet covered by accepted
 * terms, opens exactly the granted items, and appends one data-use log row per intent read (or
 * refused). The rows commit with the read or not at all.
 */
@Injectable()
export class DisclosureReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: DisclosureGrantsService,
    private readonly vault: VaultService,
  ) {}

  async readForVendor(viewer: Viewer, intentIds: readonly string[], accessPath: string): Promise<DisclosureRead[]> {
    if (viewer.kind !== AccountKind.VENDOR || !viewer.vendorId) {
      return intentIds.map(() => forbidden('Only vendors read disclosed data'));
    }
    const vendorId = viewer.vendorId;
    const ids = intentIds.map((id) => requireId(id, 'intentId'));
    return this.dataSource.transaction(async (manager) => {
      const pairs = [...new Set(ids)].map((intentId) => ({ intentId, vendorId }));
      const loaded = await loadPairStates(manager, pairs);
      // Policy, vault or the vendor's stage moved on since the grants were made: catch up first.
      const stale = [...loaded.values()].filter((state) => planChanges(planForState(state)));
      const synced = stale.length > 0 ? await this.grants.syncPairs(manager, stale) : new Map();
      const results = new Map<string, DisclosureRead>();
      const log: LogRow[] = [];
      for (const pair of pairs) {
        const key = pairKey(pair);
        const state: PairState | undefined = synced.get(key)?.state ?? loaded.get(key);
        if (!state || !(state.standing.matched || state.standing.awarded || state.grants.length > 0)) {
          results.set(pair.intentId, notFound('Intent'));
          continue;
        }
        const plan = planForState(state);
        const active: DisclosureGrant[] =
          synced.get(key)?.active ?? state.grants.filter((grant) => grant.endedAt === null);
        const base = { individualId: state.ownerId, vendorId, intentId: state.intentId, accessPath };
        if (plan.blocked) {
          if (state.grants.length === 0) {
            results.set(pair.intentId, []);
            continue;
          }
          const detail = state.ownerErased ? DenialDetail.ERASED : DenialDetail.REVOKED;
          const asked = grantedKeys(
            state.grants.filter((grant) => grant.revokedAt || grant.endReason === GrantEndReason.ERASED),
          );
          log.push({
            ...base,
            itemKeys: asked.length ? asked : grantedKeys(state.grants),
            purpose: 'Refused read',
            outcome: DataUseOutcome.DENIED,
            detail,
          });
          results.set(
            pair.intentId,
            forbidden(
              detail === DenialDetail.ERASED
                ? 'The individual has left Intentcast; their data is no longer available'
                : 'The individual revoked your access to their data on this intent',
            ),
          );
          continue;
        }
        const stageOf = new Map<string, DisclosureStage>();
        for (const stage of STAGES) {
          for (const grant of active.filter((g) => g.stage === stage)) {
            for (const itemKey of grant.itemKeys) if (!stageOf.has(itemKey)) stageOf.set(itemKey, stage);
          }
        }
        if (stageOf.size === 0) {
          results.set(pair.intentId, []);
          continue;
        }
        const keys = [...stageOf.keys()].sort();
        if (!state.termsAccepted) {
          log.push({
            ...base,
            itemKeys: keys,
            purpose: 'Refused read',
            outcome: DataUseOutcome.DENIED,
            detail: DenialDetail.TERMS_NOT_ACCEPTED,
          });
          results.set(pair.intentId, forbidden('Accept the privacy terms of this intent first (acceptPrivacyTerms)'));
          continue;
        }
        const entries = await this.vault.read(manager, state.ownerId, keys);
        const items = entries.map((entry) => ({
          key: entry.key,
          value: entry.value,
          sensitivity: entry.sensitivity,
          stage: stageOf.get(entry.key)!,
        }));
        if (items.length > 0) {
          const purposes = [...new Set(items.map((item) => STAGE_PURPOSE[item.stage]))];
          log.push({
            ...base,
            itemKeys: items.map((item) => item.key),
            purpose: purposes.join('; '),
            outcome: DataUseOutcome.READ,
            detail: null,
          });
        }
        results.set(pair.intentId, items);
      }
      if (log.length > 0) await manager.insert(DataUseLogEntry, log);
      return ids.map((intentId) => results.get(intentId)!);
    });
  }
}

const grantedKeys = (grants: readonly DisclosureGrant[]) =>
  [...new Set(grants.flatMap((grant) => grant.itemKeys))].sort();

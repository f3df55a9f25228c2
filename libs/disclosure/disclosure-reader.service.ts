import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountKind, type Viewer } from '@app/accounts';
import { type AppError, forbidden, notFound, requireId } from '@app/common';
import { type Sensitivity, VaultService } from '@app/vault';
import { DataUseLogEntry } from './data-use-log-entry.entity';
import { DenialDetail, type ReadDecision, decideRead, readLogEntry } from './disclosure-read';
import type { DisclosureStage } from './disclosure-stages';
import { loadPairStates, pairKey } from './disclosure-state';

export interface DisclosedItem {
  key: string;
  value: string;
  sensitivity: Sensitivity;
  /** The earliest stage that released it to this vendor. */
  stage: DisclosureStage;
}

/** One intent's disclosed items, or why the vendor may not read them. */
export type DisclosureRead = DisclosedItem[] | AppError;

type LogRow = Pick<
  DataUseLogEntry,
  'individualId' | 'vendorId' | 'intentId' | 'itemKeys' | 'purpose' | 'outcome' | 'detail' | 'accessPath'
>;

const REFUSALS: Record<DenialDetail, string> = {
  [DenialDetail.REVOKED]: 'The individual revoked your access to their data on this intent',
  [DenialDetail.ERASED]: 'The individual has left Intentcast; their data is no longer available',
  [DenialDetail.TERMS_NOT_ACCEPTED]: 'Accept the privacy terms of this intent first (acceptPrivacyTerms)',
};

/**
 * The only way a vendor reads an individual's personal data. In one transaction per batch it loads
 * the state of each (intent, vendor) pair once, decides each read with decideRead (pure: see there
 * for why the current state, not the stored grants, decides), opens exactly the decided items and
 * appends one data-use log row per intent read (or refused). The rows commit with the read or not
 * at all. A read writes no grant and no receipt: those are made when the state changes.
 */
@Injectable()
export class DisclosureReader {
  constructor(
    private readonly dataSource: DataSource,
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
      const states = await loadPairStates(manager, pairs);
      const results = new Map<string, DisclosureRead>();
      const log: LogRow[] = [];
      for (const pair of pairs) {
        const state = states.get(pairKey(pair));
        const decision: ReadDecision = state ? decideRead(state) : { kind: 'not_visible' };
        if (!state || decision.kind === 'not_visible') {
          results.set(pair.intentId, notFound('Intent'));
          continue;
        }
        const base = { individualId: state.ownerId, vendorId, intentId: state.intentId, accessPath };
        if (decision.kind === 'refused') {
          log.push({ ...base, ...decision.log });
          results.set(pair.intentId, forbidden(REFUSALS[decision.detail]));
          continue;
        }
        const stageOf = new Map(decision.items.map((item) => [item.key, item.stage]));
        const entries = await this.vault.read(
          manager,
          state.ownerId,
          decision.items.map((item) => item.key),
        );
        const items = entries.map((entry) => ({
          key: entry.key,
          value: entry.value,
          sensitivity: entry.sensitivity,
          stage: stageOf.get(entry.key)!,
        }));
        // The log names exactly what was opened (an item deleted since the state was loaded is not).
        const entry = items.length === decision.items.length ? decision.log : readLogEntry(items);
        if (entry) log.push({ ...base, ...entry });
        results.set(pair.intentId, items);
      }
      if (log.length > 0) await manager.insert(DataUseLogEntry, log);
      return ids.map((intentId) => results.get(intentId)!);
    });
  }
}

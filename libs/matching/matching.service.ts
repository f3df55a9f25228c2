import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntentComponent, Intent, IntentStatus, MatchingState } from '@app/intents';
import { NotificationType } from '@app/notifications';
import { OutboxTopic, notificationEvent, recordEvents } from '@app/outbox';
import { queryRows } from '@app/database';
import { type MatchCandidate, VendorCandidateSearch } from './vendor-candidate-search';

export interface MatchOutcome {
  intentId: string;
  /** Vendors matched by this run that were not matched before (the ones to notify). */
  newVendorIds: string[];
  candidates: MatchCandidate[];
}

/** Matches an open intent to the vendors that fit it. Idempotent: re-running stores no second match. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: VendorCandidateSearch,
  ) {}

  async matchIntent(intentId: string): Promise<MatchOutcome> {
    const intent = await this.dataSource.getRepository(Intent).findOne({ where: { id: intentId } });
    if (!intent || intent.status !== IntentStatus.OPEN) return { intentId, newVendorIds: [], candidates: [] };
    const components = await this.dataSource.getRepository(IntentComponent).find({ where: { intentId } });
    const candidates = await this.candidates.findCandidates(intent, components);
    // One transaction stores the new matches and the intent's matching outcome, then the outbox
    // events about exactly those vendors (first their stage change, which the worker hands to
    // disclosure to sync their broadcast-stage grants, then their notifications): a retried or
    // duplicated job finds the matches there already and tells nobody twice.
    const inserted = await this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ vendor_id: string }>(
        manager,
        `WITH inserted AS (
           INSERT INTO intent_matches (intent_id, vendor_id, score, reasons)
           SELECT $1, c.vendor_id, c.score, c.reasons
             FROM jsonb_to_recordset($2::jsonb) AS c(vendor_id uuid, score float8, reasons jsonb)
           ON CONFLICT (intent_id, vendor_id) DO NOTHING
           RETURNING vendor_id
         ), marked AS (
           UPDATE intents SET matching_outcome = jsonb_strip_nulls(jsonb_build_object(
                    'state', $3::text, 'at', to_jsonb(now()),
                    'vendorCount', (SELECT count(*) FROM intent_matches WHERE intent_id = $1) + (SELECT count(*) FROM inserted),
                    'round', matching_outcome->'round'))
            WHERE id = $1
         )
         SELECT vendor_id FROM inserted`,
        [
          intentId,
          JSON.stringify(candidates.map((c) => ({ vendor_id: c.vendorId, score: c.score, reasons: c.reasons }))),
          MatchingState.MATCHED,
        ],
      );
      const vendorIds = rows.map((row) => row.vendor_id);
      if (vendorIds.length > 0) {
        await recordEvents(manager, [
          { topic: OutboxTopic.VENDORS_MATCHED, payload: { intentId, vendorIds } },
          notificationEvent(
            vendorIds.map((vendorId) => ({ type: NotificationType.MATCH_CREATED, vendorId, intentId })),
          ),
        ]);
      }
      return vendorIds;
    });
    return { intentId, newVendorIds: inserted, candidates };
  }
}

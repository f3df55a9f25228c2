import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntentComponent, Intent, IntentStatus, MatchingState } from '@app/intents';
import { NotificationType } from '@app/notifications';
import { OutboxTopic, OUTBOX_CHANNEL } from '@app/outbox';
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
    // One statement stores the new matches, the outbox rows about exactly those (first the new
    // vendors' stage change, which the worker hands to disclosure to sync their broadcast-stage
    // grants, then their notifications), and the intent's matching outcome: a retried or
    // duplicated job finds the matches there already and tells nobody twice.
    const inserted: Array<{ vendor_id: string }> = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO intent_matches (intent_id, vendor_id, score, reasons)
         SELECT $1, c.vendor_id, c.score, c.reasons
           FROM jsonb_to_recordset($2::jsonb) AS c(vendor_id uuid, score float8, reasons jsonb)
         ON CONFLICT (intent_id, vendor_id) DO NOTHING
         RETURNING vendor_id
       ), recorded AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT e.topic, e.payload FROM (
           SELECT 1 AS n, $7::text AS topic,
                  jsonb_build_object('intentId', $1::uuid, 'vendorIds', jsonb_agg(vendor_id)) AS payload
             FROM inserted HAVING count(*) > 0
           UNION ALL
           SELECT 2, $3::text, jsonb_build_object('notifications', jsonb_agg(
                    jsonb_build_object('type', $4::text, 'vendorId', vendor_id, 'intentId', $1::uuid)))
             FROM inserted HAVING count(*) > 0
         ) e ORDER BY e.n
       ), marked AS (
         UPDATE intents SET matching_outcome = jsonb_strip_nulls(jsonb_build_object(
                  'state', $6::text, 'at', to_jsonb(now()),
                  'vendorCount', (SELECT count(*) FROM intent_matches WHERE intent_id = $1) + (SELECT count(*) FROM inserted),
                  'round', matching_outcome->'round'))
          WHERE id = $1
       ), woken AS (
         SELECT pg_notify($5, $3) FROM inserted LIMIT 1
       )
       SELECT vendor_id FROM inserted, woken`,
      [
        intentId,
        JSON.stringify(candidates.map((c) => ({ vendor_id: c.vendorId, score: c.score, reasons: c.reasons }))),
        OutboxTopic.NOTIFICATION,
        NotificationType.MATCH_CREATED,
        OUTBOX_CHANNEL,
        MatchingState.MATCHED,
        OutboxTopic.VENDORS_MATCHED,
      ],
    );
    return { intentId, newVendorIds: inserted.map((row) => row.vendor_id), candidates };
  }
}

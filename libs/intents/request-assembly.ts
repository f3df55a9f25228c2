import type { EntityManager } from 'typeorm';
import { OutboxTopic, OUTBOX_CHANNEL } from '@app/outbox';
import type { AssemblyChange } from './intent-assembly';

export interface AssemblyRequest {
  intentId: string;
  change: AssemblyChange;
}

/**
 * The one way to have intents' solutions recomputed, inside the transaction that makes the change:
 * bumps each intent's requested assembly version (so the stored solutions count as pending from the
 * commit on) and records an outbox row per intent that the relay turns into a debounced assembly job.
 * Intent rows are locked in id order, so transactions that request several never deadlock each other.
 */
export async function requestAssembly(manager: EntityManager, requests: AssemblyRequest[]): Promise<void> {
  const byIntent = new Map(requests.map((request) => [request.intentId, request.change]));
  if (byIntent.size === 0) return;
  await manager.query(
    `WITH requested AS (
       SELECT r.intent_id, r.change FROM jsonb_to_recordset($1::jsonb) AS r(intent_id uuid, change jsonb)
     ), locked AS MATERIALIZED (
       SELECT id FROM intents WHERE id IN (SELECT intent_id FROM requested) ORDER BY id FOR NO KEY UPDATE
     ), bumped AS (
       UPDATE intents i
          SET assembly_requested_version = i.assembly_requested_version + 1,
              assembly_requested_at = now(), assembly_requested_change = r.change
         FROM locked l JOIN requested r ON r.intent_id = l.id
        WHERE i.id = l.id
       RETURNING i.id
     ), recorded AS (
       INSERT INTO outbox_events (topic, payload)
       SELECT $2, jsonb_build_object('intentId', id) FROM bumped RETURNING id
     )
     SELECT pg_notify($3, $2) FROM recorded LIMIT 1`,
    [
      JSON.stringify([...byIntent].map(([intentId, change]) => ({ intent_id: intentId, change }))),
      OutboxTopic.ASSEMBLY_REQUESTED,
      OUTBOX_CHANNEL,
    ],
  );
}

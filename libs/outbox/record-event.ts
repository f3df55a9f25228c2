import type { EntityManager } from 'typeorm';
import type { OutboxPayloads, OutboxTopic } from './outbox-event.entity';

/** Channel NOTIFYed on commit so the relay wakes at once instead of waiting for its poll. */
export const OUTBOX_CHANNEL = 'intentcast_outbox';

/** One event to record: its topic and the payload of that topic. */
export type OutboxMessage = { [T in OutboxTopic]: { topic: T; payload: OutboxPayloads[T] } }[OutboxTopic];

/** Records an event inside the caller's transaction. */
export async function recordEvent<T extends OutboxTopic>(
  manager: EntityManager,
  topic: T,
  payload: OutboxPayloads[T],
): Promise<void> {
  await recordEvents(manager, [{ topic, payload } as OutboxMessage]);
}

/**
 * Records events inside the caller's transaction, in this order, in one round trip: the rows, and
 * the NOTIFY that PostgreSQL delivers when the transaction commits.
 */
export async function recordEvents(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `WITH recorded AS (
       INSERT INTO outbox_events (topic, payload)
       SELECT m.message->>'topic', m.message->'payload'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS m(message, n)
        ORDER BY m.n
       RETURNING id)
     SELECT pg_notify($2, 'outbox') FROM recorded LIMIT 1`,
    [JSON.stringify(messages), OUTBOX_CHANNEL],
  );
}

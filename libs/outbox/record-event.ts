import type { EntityManager } from 'typeorm';
import type { OutboxPayloads, OutboxTopic } from './outbox-event.entity';

/** Channel NOTIFYed on commit so the relay wakes at once instead of waiting for its poll. */
export const OUTBOX_CHANNEL = 'intentcast_outbox';

/** Records an event inside the caller's transaction. */
export async function recordEvent<T extends OutboxTopic>(
  manager: EntityManager,
  topic: T,
  payload: OutboxPayloads[T],
): Promise<void> {
  // One round trip: the row, and the NOTIFY that PostgreSQL delivers when the transaction commits.
  await manager.query(
    `WITH recorded AS (INSERT INTO outbox_events (topic, payload) VALUES ($1, $2::jsonb) RETURNING id)
     SELECT pg_notify($3, $1) FROM recorded`,
    [topic, JSON.stringify(payload), OUTBOX_CHANNEL],
  );
}

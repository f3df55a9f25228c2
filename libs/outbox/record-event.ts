import type { EntityManager } from 'typeorm';
import { OutboxEvent, type OutboxPayloads, OutboxTopic } from './outbox-event.entity';

/** Channel NOTIFYed on commit so the relay wakes at once instead of waiting for its poll. */
export const OUTBOX_CHANNEL = 'intentcast_outbox';

/** Records an event inside the caller's transaction. */
export async function recordEvent<T extends OutboxTopic>(
  manager: EntityManager,
  topic: T,
  payload: OutboxPayloads[T],
): Promise<void> {
  await manager.insert(OutboxEvent, { topic, payload });
  await manager.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, topic]);
}


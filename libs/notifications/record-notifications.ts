import type { EntityManager } from 'typeorm';
import { OutboxTopic } from '@app/outbox/outbox-event.entity';
import { recordEvents } from '@app/outbox/record-event';
import type { Notification } from './notification';

/** Records notifications in the caller's transaction: they are sent if, and only if, it commits. */
export function recordNotifications(manager: EntityManager, notifications: Notification[]): Promise<void> {
  return recordEvents(manager, OutboxTopic.NOTIFICATION, notifications);
}

import type { EntityManager } from 'typeorm';
import type { Notification } from '@app/notifications';
import { OutboxTopic } from './outbox-event.entity';
import { type OutboxMessage, recordEvents } from './record-event';

/** The outbox event that carries notifications: all those one transaction caused, in one row. */
export function notificationEvent(notifications: Notification[]): OutboxMessage {
  return { topic: OutboxTopic.NOTIFICATION, payload: { notifications } };
}

/**
 * Records notifications in the caller's transaction, as one outbox row: they are sent if, and only
 * if, it commits. With other events of the same transaction: `recordEvents(manager, [..., notificationEvent(...)])`.
 */
export async function recordNotifications(manager: EntityManager, notifications: Notification[]): Promise<void> {
  if (notifications.length > 0) await recordEvents(manager, [notificationEvent(notifications)]);
}

import type { EntityManager } from 'typeorm';
import { OutboxTopic } from './outbox-event.entity';
import { recordEvent } from './record-event';
import type { Notification } from '@app/notifications';

/**
 * Records notifications in the caller's transaction, as one outbox row: they are sent if, and only
 * if, it commits.
 */
export async function recordNotifications(manager: EntityManager, notifications: Notification[]): Promise<void> {
  if (notifications.length > 0) await recordEvent(manager, OutboxTopic.NOTIFICATION, { notifications });
}

import type { NotificationRecipient } from './notification';

/** The Redis pub/sub channel of one recipient; every API replica subscribes to those of its connected clients. */
export function notificationChannel(prefix: string, recipient: NotificationRecipient): string {
  return recipient.vendorId
    ? `${prefix}:notifications:vendor:${recipient.vendorId}`
    : `${prefix}:notifications:account:${recipient.accountId}`;
}

/** Marks a notification as published, so a resent outbox batch publishes nothing twice. */
export const publishedMarkerKey = (prefix: string, notificationId: string) =>
  `${prefix}:notifications:published:${notificationId}`;

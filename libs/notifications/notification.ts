/**
 * What a vendor or an individual is told about. Notifications carry ids only, never personal data:
 * they travel through Redis (live subscriptions) and to vendors' webhook endpoints.
 */
export enum NotificationType {
  /** To a vendor: an intent was matched to you. */
  MATCH_CREATED = 'match.created',
  /** To an intent's owner: a vendor made or revised an offer on it. */
  OFFER_RECEIVED = 'offer.received',
  /** To a vendor: your offer won. */
  OFFER_AWARDED = 'offer.awarded',
  /** To a vendor: the intent was awarded to other offers. */
  OFFER_LOST = 'offer.lost',
  /** To a vendor: your offer passed its validity. */
  OFFER_EXPIRED = 'offer.expired',
  /** To the owner, and to vendors with an active offer on it: the intent expired unawarded. */
  INTENT_EXPIRED = 'intent.expired',
  /** To vendors with an active offer on it: the owner withdrew the intent. */
  INTENT_WITHDRAWN = 'intent.withdrawn',
  /** To an intent's owner: its assembled solutions (or its assembly outcome) were recomputed. */
  SOLUTIONS_UPDATED = 'solutions.updated',
}

/** Exactly one of vendorId (a vendor) or accountId (an individual) is set. */
export type NotificationRecipient =
  { vendorId: string; accountId?: undefined } | { accountId: string; vendorId?: undefined };

export type Notification = NotificationRecipient & {
  type: NotificationType;
  intentId: string;
  offerId?: string | null;
};

/** A notification as it leaves the outbox: `id` is stable across resends (webhook-id, dedup key). */
export type DeliveredNotification = Notification & {
  id: string;
  /** ISO timestamp of the commit that caused it. */
  occurredAt: string;
};

/** The id of a notification: the outbox row that carried it, and its place in that row. */
export const notificationId = (outboxEventId: string, index: number) => `ntf_${outboxEventId}.${index}`;

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

/** The kind of record a notification is about. */
export enum NotificationSubjectType {
  INTENT = 'INTENT',
  OFFER = 'OFFER',
  ENGAGEMENT = 'ENGAGEMENT',
  VENDOR = 'VENDOR',
  REVIEW = 'REVIEW',
}

/** The record a notification is about: what a client opens when it shows it. */
export interface NotificationSubject {
  type: NotificationSubjectType;
  id: string;
}

/**
 * The ids each type of notification carries (ids only: see above). A new type adds its entry here
 * and its subject to NOTIFICATION_SUBJECTS; a notification without an intent (about a vendor, an
 * engagement or a review) leaves intentId out.
 */
export interface NotificationIds {
  [NotificationType.MATCH_CREATED]: { intentId: string };
  [NotificationType.OFFER_RECEIVED]: { intentId: string; offerId: string };
  [NotificationType.OFFER_AWARDED]: { intentId: string; offerId: string };
  [NotificationType.OFFER_LOST]: { intentId: string; offerId: string };
  [NotificationType.OFFER_EXPIRED]: { intentId: string; offerId: string };
  [NotificationType.INTENT_EXPIRED]: { intentId: string };
  [NotificationType.INTENT_WITHDRAWN]: { intentId: string };
  [NotificationType.SOLUTIONS_UPDATED]: { intentId: string };
}

/** A notification of one type: its recipient, and the ids of that type. */
export type NotificationOf<T extends NotificationType> = NotificationRecipient & { type: T } & NotificationIds[T];

/** A notification of any type (narrow on `type` to read the ids of one). */
export type Notification = { [T in NotificationType]: NotificationOf<T> }[NotificationType];

/** What each type of notification is about. A type without an entry does not compile. */
export const NOTIFICATION_SUBJECTS: { [T in NotificationType]: (ids: NotificationIds[T]) => NotificationSubject } = {
  [NotificationType.MATCH_CREATED]: (ids) => intentSubject(ids.intentId),
  [NotificationType.OFFER_RECEIVED]: (ids) => offerSubject(ids.offerId),
  [NotificationType.OFFER_AWARDED]: (ids) => offerSubject(ids.offerId),
  [NotificationType.OFFER_LOST]: (ids) => offerSubject(ids.offerId),
  [NotificationType.OFFER_EXPIRED]: (ids) => offerSubject(ids.offerId),
  [NotificationType.INTENT_EXPIRED]: (ids) => intentSubject(ids.intentId),
  [NotificationType.INTENT_WITHDRAWN]: (ids) => intentSubject(ids.intentId),
  [NotificationType.SOLUTIONS_UPDATED]: (ids) => intentSubject(ids.intentId),
};

function intentSubject(id: string): NotificationSubject {
  return { type: NotificationSubjectType.INTENT, id };
}

function offerSubject(id: string): NotificationSubject {
  return { type: NotificationSubjectType.OFFER, id };
}

/** The record a notification is about. */
export function notificationSubject(notification: Notification): NotificationSubject {
  const subjectOf = NOTIFICATION_SUBJECTS[notification.type] as (ids: Notification) => NotificationSubject;
  return subjectOf(notification);
}

/** Every id a notification may carry, of whichever type. */
export type NotificationIdFields = UnionToIntersection<NotificationIds[NotificationType]>;

/**
 * A notification as it leaves the outbox, with what it is about: `id` is stable across resends
 * (webhook-id, dedup key). Each id its type does not carry is absent.
 */
export type DeliveredNotification = NotificationRecipient &
  Partial<NotificationIdFields> & {
    type: NotificationType;
    subject: NotificationSubject;
    id: string;
    /** ISO timestamp of the commit that caused it. */
    occurredAt: string;
  };

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/** The id of a notification: the outbox row that carried it, and its place in that row. */
export const notificationId = (outboxEventId: string, index: number) => `ntf_${outboxEventId}.${index}`;

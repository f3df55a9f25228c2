import type { NotificationType } from '@app/notifications';

/** The notifications a vendor can receive at a webhook endpoint: every vendor-facing type. */
export enum WebhookEventType {
  MATCH_CREATED = 'match.created',
  OFFER_AWARDED = 'offer.awarded',
  OFFER_LOST = 'offer.lost',
  OFFER_EXPIRED = 'offer.expired',
  INTENT_EXPIRED = 'intent.expired',
  INTENT_WITHDRAWN = 'intent.withdrawn',
}

/** Compile-time check: every webhook event type is a NotificationType value. */
type OneOfNotificationTypes<T extends `${NotificationType}`> = T;
export type WebhookEventTypeValue = OneOfNotificationTypes<`${WebhookEventType}`>;

/** What a new endpoint subscribes to unless told otherwise. */
export const ALL_WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);

const KNOWN = new Set<string>(ALL_WEBHOOK_EVENT_TYPES);

export const isWebhookEventType = (type: string): type is WebhookEventType => KNOWN.has(type);

import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { DeliveredNotification, NotificationSubject, NotificationType } from '@app/notifications';
import type { WebhookEventType } from './webhook-event-types';

/**
 * What is POSTed to an endpoint: the notification's type, when it happened, and ids only. Never
 * titles, names, locations or any other personal data; the vendor fetches what it may see through
 * the API with its own credentials.
 */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO time of the change that caused the notification. */
  timestamp: string;
  data: {
    notificationId: string;
    /** What it is about (absent from deliveries stored before subjects were sent). */
    subject?: NotificationSubject;
    /** The intent it concerns, when it concerns one. */
    intentId?: string;
    offerId?: string;
    vendorId: string;
  };
}

/** A notification to a vendor, of a type webhooks carry (see isWebhookEventType). */
export type VendorNotification = DeliveredNotification & { vendorId: string };

/** Picks the ids from a vendor notification; nothing else can reach the payload. */
export function webhookPayload(notification: VendorNotification): WebhookPayload {
  return {
    type: notification.type as `${NotificationType}` as WebhookEventType,
    timestamp: notification.occurredAt,
    data: {
      notificationId: notification.id,
      subject: { type: notification.subject.type, id: notification.subject.id },
      ...(notification.intentId ? { intentId: notification.intentId } : {}),
      ...(notification.offerId ? { offerId: notification.offerId } : {}),
      vendorId: notification.vendorId,
    },
  };
}

/** The exact body sent (keys in a fixed order: a jsonb round trip reorders them). */
export function webhookBody(payload: WebhookPayload): string {
  const { notificationId, subject, intentId, offerId, vendorId } = payload.data;
  return JSON.stringify({
    type: payload.type,
    timestamp: payload.timestamp,
    data: {
      notificationId,
      ...(subject ? { subject: { type: subject.type, id: subject.id } } : {}),
      ...(intentId ? { intentId } : {}),
      ...(offerId ? { offerId } : {}),
      vendorId,
    },
  });
}

export const SIGNING_SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and the base64 of 32 random bytes (the Standard Webhooks format). */
export function newSigningSecret(): string {
  return `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks headers: `webhook-signature` is `v1,<base64 HMAC-SHA256 of id.timestamp.body>`,
 * one per secret, space-separated (during a rotation both the new and the old secret sign).
 */
export function signedHeaders(secrets: readonly string[], webhookId: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('at least one signing secret is needed');
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body)).join(' '),
  };
}

import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { type DeliveredNotification, NotificationSubjectType, NotificationType } from '@app/notifications';
import { newSigningSecret, signedHeaders, webhookBody, webhookPayload } from './webhook-message';

const offerId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const notification = {
  id: 'ntf_42',
  type: NotificationType.OFFER_AWARDED,
  subject: { type: NotificationSubjectType.OFFER, id: offerId },
  vendorId: '6f1c8a52-0d6e-4f43-9a38-1a4c8e5b2f10',
  intentId: '0b9d8f7e-6c5b-4a39-8271-605f4e3d2c1b',
  offerId,
  occurredAt: '2026-03-01T10:00:00.000Z',
} satisfies DeliveredNotification;

/** The same text with one character changed. */
const oneByteChanged = (text: string, at = Math.floor(text.length / 2)) =>
  text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1);

describe('webhook messages', () => {
  const secret = newSigningSecret();
  const body = webhookBody(webhookPayload(notification));
  const now = new Date();
  const headers = signedHeaders([secret], notification.id, now, body);

  it('carries ids only, in a fixed order', () => {
    expect(JSON.parse(body)).toEqual({
      type: 'offer.awarded',
      timestamp: notification.occurredAt,
      data: {
        notificationId: 'ntf_42',
        subject: { type: 'OFFER', id: offerId },
        intentId: notification.intentId,
        offerId: notification.offerId,
        vendorId: notification.vendorId,
      },
    });
    // Whatever else a notification object might hold never reaches the payload.
    const noisy = { ...notification, title: 'Moving house', displayName: 'Alex' } as typeof notification;
    expect(webhookBody(webhookPayload(noisy))).toBe(body);
    // jsonb reorders keys: the body is rebuilt in the same order from a stored payload.
    const stored = JSON.parse(
      JSON.stringify({ data: JSON.parse(body).data, timestamp: notification.occurredAt, type: 'offer.awarded' }),
    );
    expect(webhookBody(stored)).toBe(body);
    const match = {
      ...notification,
      type: NotificationType.MATCH_CREATED,
      subject: { type: NotificationSubjectType.INTENT, id: notification.intentId },
      offerId: undefined,
    };
    expect(webhookPayload(match).data).not.toHaveProperty('offerId');
    // A notification about something other than an intent (a review, say) carries no intentId.
    const aboutAVendor = {
      id: 'ntf_43',
      type: NotificationType.MATCH_CREATED,
      subject: { type: NotificationSubjectType.VENDOR, id: notification.vendorId },
      vendorId: notification.vendorId,
      occurredAt: notification.occurredAt,
    };
    expect(JSON.parse(webhookBody(webhookPayload(aboutAVendor))).data).toEqual({
      notificationId: 'ntf_43',
      subject: { type: 'VENDOR', id: notification.vendorId },
      vendorId: notification.vendorId,
    });
    // A delivery stored before subjects were sent is retried with the body it was first sent with.
    const { subject: _subject, ...before } = JSON.parse(body).data;
    expect(JSON.parse(webhookBody({ ...stored, data: before })).data).toEqual(before);
  });

  it('makes Standard Webhooks secrets and headers', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(headers['webhook-id']).toBe('ntf_42');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('verifies with the standardwebhooks library', () => {
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification when the body, timestamp or id differs by one byte', () => {
    const verify = (payload: string, changed: Record<string, string>) =>
      new Webhook(secret).verify(payload, { ...headers, ...changed });
    expect(() => verify(oneByteChanged(body), {})).toThrow(WebhookVerificationError);
    expect(() => verify(body + ' ', {})).toThrow(WebhookVerificationError);
    const timestamp = headers['webhook-timestamp'];
    const laterSecond = timestamp.slice(0, -1) + String((Number(timestamp.slice(-1)) + 1) % 10);
    expect(() => verify(body, { 'webhook-timestamp': laterSecond })).toThrow(WebhookVerificationError);
    expect(() => verify(body, { 'webhook-id': 'ntf_43' })).toThrow(WebhookVerificationError);
    expect(() => verify(body, { 'webhook-id': oneByteChanged(headers['webhook-id'], 0) })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(newSigningSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
  });

  it('fails verification of a replay outside five minutes', () => {
    const old = new Date(Date.now() - 5 * 60 * 1000 - 2000);
    const replayed = signedHeaders([secret], notification.id, old, body);
    expect(() => new Webhook(secret).verify(body, { ...replayed })).toThrow('Message timestamp too old');
    const recent = signedHeaders([secret], notification.id, new Date(Date.now() - 4 * 60 * 1000), body);
    expect(() => new Webhook(secret).verify(body, { ...recent })).not.toThrow();
  });

  it('signs with both secrets during a rotation', () => {
    const next = newSigningSecret();
    const both = signedHeaders([next, secret], notification.id, now, body);
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, { ...both })).not.toThrow();
    expect(() => new Webhook(secret).verify(body, { ...both })).not.toThrow();
    expect(() => signedHeaders([], notification.id, now, body)).toThrow();
  });
});

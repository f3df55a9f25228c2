import {
  type Notification,
  NotificationSubjectType,
  NotificationType,
  NOTIFICATION_SUBJECTS,
  notificationSubject,
} from './notification';

describe('notification subjects', () => {
  const intentId = '0b9d8f7e-6c5b-4a39-8271-605f4e3d2c1b';
  const offerId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
  const vendorId = '6f1c8a52-0d6e-4f43-9a38-1a4c8e5b2f10';

  it('gives every notification type a subject', () => {
    expect(Object.keys(NOTIFICATION_SUBJECTS).sort()).toEqual(Object.values(NotificationType).sort());
  });

  it('is the offer for offer notifications and the intent for the others', () => {
    const offers: Notification[] = [
      NotificationType.OFFER_RECEIVED,
      NotificationType.OFFER_AWARDED,
      NotificationType.OFFER_LOST,
      NotificationType.OFFER_EXPIRED,
    ].map((type) => ({ type, vendorId, intentId, offerId }) as Notification);
    for (const notification of offers) {
      expect(notificationSubject(notification)).toEqual({ type: NotificationSubjectType.OFFER, id: offerId });
    }
    const intents: Notification[] = [
      NotificationType.MATCH_CREATED,
      NotificationType.INTENT_EXPIRED,
      NotificationType.INTENT_WITHDRAWN,
      NotificationType.SOLUTIONS_UPDATED,
    ].map((type) => ({ type, vendorId, intentId }) as Notification);
    for (const notification of intents) {
      expect(notificationSubject(notification)).toEqual({ type: NotificationSubjectType.INTENT, id: intentId });
    }
  });
});

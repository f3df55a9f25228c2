import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationSubjectType, NotificationType } from '@app/notifications';
import { IntentModel } from '../intents/intent.model';
import { OfferModel } from '../offers/offer.model';

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What happened. Webhooks carry the same names in lower case with dots (match.created).',
});

registerEnumType(NotificationSubjectType, {
  name: 'NotificationSubjectType',
  description: 'The kind of record a notification is about.',
});

@ObjectType('NotificationSubject', { description: 'The record a notification is about: what to open when showing it.' })
export class NotificationSubjectModel {
  @Field(() => NotificationSubjectType)
  type: NotificationSubjectType;

  @Field(() => ID)
  id: string;
}

@ObjectType('Notification', { description: 'Something you are told about, live.' })
export class NotificationModel {
  @Field(() => ID, { description: 'Stable: the same as the webhook-id of the webhook for this event.' })
  id: string;

  @Field(() => NotificationType)
  type: NotificationType;

  @Field(() => NotificationSubjectModel, {
    description: 'What it is about: the offer for offer notifications, the intent for the others.',
  })
  subject: NotificationSubjectModel;

  @Field(() => IntentModel, { description: 'The intent it concerns.' })
  intent: IntentModel;

  @Field(() => OfferModel, { nullable: true })
  offer: OfferModel | null;

  @Field()
  occurredAt: Date;
}

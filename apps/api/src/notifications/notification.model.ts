import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationType } from '@app/notifications';
import { IntentModel } from '../intents/intent.model';
import { OfferModel } from '../offers/offer.model';

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What happened. Webhooks carry the same names in lower case with dots (match.created).',
});

@ObjectType('Notification', { description: 'Something you are told about, live.' })
export class NotificationModel {
  @Field(() => ID, { description: 'Stable: the same as the webhook-id of the webhook for this event.' })
  id: string;

  @Field(() => NotificationType)
  type: NotificationType;

  @Field(() => IntentModel)
  intent: IntentModel;

  @Field(() => OfferModel, { nullable: true })
  offer: OfferModel | null;

  @Field()
  occurredAt: Date;
}

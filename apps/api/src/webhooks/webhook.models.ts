import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WebhookDeliveryStatus, WebhookEventType } from '@app/webhooks';
import { Connection } from '../graphql/connection';

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description:
    'A vendor notification a webhook endpoint can receive; the payload `type` is its lower-case dotted form.',
  valuesMap: {
    MATCH_CREATED: { description: '`match.created`: an intent was matched to you.' },
    OFFER_AWARDED: { description: '`offer.awarded`: your offer won.' },
    OFFER_LOST: { description: '`offer.lost`: the intent was awarded to other offers.' },
    OFFER_EXPIRED: { description: '`offer.expired`: your offer passed its validity.' },
    INTENT_EXPIRED: { description: '`intent.expired`: an intent you offered on expired unawarded.' },
    INTENT_WITHDRAWN: { description: '`intent.withdrawn`: an intent you offered on was withdrawn.' },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesMap: {
    PENDING: { description: 'Not delivered yet; see nextAttemptAt.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt of the retry window failed, or the endpoint was disabled; see lastError.' },
  },
});

@ObjectType('WebhookEndpoint', { description: 'A URL that receives your notifications, signed (Standard Webhooks).' })
export class WebhookEndpointModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [WebhookEventType])
  eventTypes: WebhookEventType[];

  @Field()
  enabled: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'After a rotation, the previous secret also signs (a second signature) until this time.',
  })
  previousSecretExpiresAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'An endpoint and its signing secret, shown only this once.' })
export class WebhookEndpointSecret {
  @Field({
    description:
      'The signing secret (`whsec_` + base64), shown only this once: verify each request with it (Standard Webhooks).',
  })
  secret: string;

  @Field(() => WebhookEndpointModel)
  endpoint: WebhookEndpointModel;
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One HTTP attempt of a delivery.' })
export class WebhookDeliveryAttemptModel {
  @Field(() => Int, { description: '1, 2, … counting on across redeliveries.' })
  number: number;

  @Field()
  startedAt: Date;

  @Field(() => Int)
  durationMs: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when no answer came.' })
  responseStatus: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (truncated); null on success.' })
  error: string | null;

  @Field(() => String, { nullable: true, description: 'The first 200 characters of the answer, no more.' })
  responseSnippet: string | null;

  @Field(() => Date, { nullable: true, description: 'The retry this failure scheduled; null when it was the last.' })
  nextAttemptAt: Date | null;
}

@ObjectType('WebhookDelivery', { description: 'One notification to one endpoint, with its attempts.' })
export class WebhookDeliveryModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field({ description: 'The `webhook-id` header: the same on every attempt (deduplicate on it).' })
  notificationId: string;

  @Field(() => WebhookEventType)
  eventType: WebhookEventType;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  attemptCount: number;

  @Field(() => Date, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Int, { nullable: true })
  lastResponseStatus: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

@ObjectType()
export class WebhookEndpointConnection extends Connection(WebhookEndpointModel, 'WebhookEndpoint') {}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDeliveryModel, 'WebhookDelivery') {}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  WebhookDeliveryStatus,
  ALL_WEBHOOK_EVENT_TYPES,
  WebhookEventType,
  MAX_WEBHOOK_URL_LENGTH,
} from '@app/webhooks';
import { PageArgs } from '../graphql/connection';
import { IsOmittable } from '../graphql/validators';

@InputType()
export class CreateWebhookEndpointInput {
  @Field({
    description:
      'An https URL on a public address (checked after DNS resolution, and again at every delivery). No credentials.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url: string;

  @Field(() => [WebhookEventType], { nullable: true, description: 'Defaults to every event type.' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_WEBHOOK_EVENT_TYPES.length)
  @IsEnum(WebhookEventType, { each: true, message: 'eventTypes must be webhook event types' })
  eventTypes?: WebhookEventType[];

  @Field({ nullable: true, description: 'Defaults to true.' })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url?: string;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_WEBHOOK_EVENT_TYPES.length)
  @IsEnum(WebhookEventType, { each: true, message: 'eventTypes must be webhook event types' })
  eventTypes?: WebhookEventType[];

  @Field({
    nullable: true,
    description:
      'A disabled endpoint gets nothing. Disabling it fails its pending deliveries at once (lastError "endpoint disabled"), and none is attempted again; enabling it again does not resend them (redeliverWebhook does).',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'endpointId must be a UUID' })
  endpointId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus | null;
}

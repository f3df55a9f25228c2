import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IntentStatus, MAX_COMPONENTS } from '@app/intents';
import { PageArgs } from '../graphql/connection';
import { MoneyInput } from '../graphql/money';
import { IsIdempotencyKey, IsOmittable } from '../graphql/validators';

@InputType({ description: 'A UK postcode or district, a point, or both. Vendors only ever see it coarsened.' })
export class LocationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  lng?: number | null;
}

@InputType()
export class ComponentInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  categoryCode?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  optional?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'updateIntent only: an existing component of the intent to keep under its id (offers on it stay attached).',
  })
  @IsOptional()
  @IsString()
  id?: string | null;
}

@InputType({ isAbstract: true })
class IntentFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'A taxonomy code; long-tail needs may have none.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  categoryCode?: string | null;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  windowStart?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  windowEnd?: Date | null;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  budget?: MoneyInput | null;
}

@InputType()
export class CreateIntentInput extends IntentFieldsInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the intent closes by itself: in the future, within a year. Left out or null: the server default, 30 days after it is created unless the operator changed it (INTENT_DEFAULT_EXPIRY_DAYS); the intent's expiresAt says when.",
  })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => [ComponentInput], {
    nullable: true,
    description: `Parts of a multi-part need (at most ${MAX_COMPONENTS}); one component mirroring the intent when omitted.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMPONENTS)
  @ValidateNested({ each: true })
  @Type(() => ComponentInput)
  components?: ComponentInput[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Start from a life-event playbook: its components, unless components are given. Publish false to edit them first.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  playbookCode?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'false keeps it as a draft.' })
  @IsOptional()
  @IsBoolean()
  publish?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the same intent.' })
  @IsOptional()
  @IsString()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; null clears an optional one.' })
export class UpdateIntentInput extends IntentFieldsInput {
  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsDate()
  expiresAt?: Date;

  @Field(() => [ComponentInput], {
    nullable: true,
    description:
      'The components from now on, on a draft or an open intent: listed with an id, an existing one is kept ' +
      '(and edited); without, one is added; those not listed are removed. On an open intent, offer lines on a ' +
      'removed component no longer count, and a bundle with one can no longer be taken.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @ValidateNested({ each: true })
  @Type(() => ComponentInput)
  components?: ComponentInput[] | null;
}

@ArgsType()
export class MyIntentsArgs extends PageArgs {
  @Field(() => IntentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(IntentStatus)
  status?: IntentStatus | null;
}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MAX_COMPONENTS } from '@app/intents';
import { OfferStatus } from '@app/offers';
import { PageArgs } from '../graphql/connection';
import { IsAmount, IsCurrencyCode, IsIdempotencyKey } from '../graphql/validators';

@InputType()
export class OfferLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'componentId must be a UUID' })
  componentId: string;

  @Field(() => String, { nullable: true, description: 'Price of this component alone; required unless a bundle.' })
  @IsOptional()
  @IsAmount('amount')
  amount?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;
}

@InputType()
export class OfferTermsInput {
  @Field(() => [OfferLineInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @ValidateNested({ each: true })
  @Type(() => OfferLineInput)
  lines: OfferLineInput[];

  @Field({ description: "ISO 4217; must match the intent's budget currency when it has one." })
  @IsCurrencyCode()
  currency: string;

  @Field(() => String, { nullable: true, description: 'Required for a bundle; otherwise the sum of the lines.' })
  @IsOptional()
  @IsAmount('total')
  total?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Valid only if taken whole.' })
  @IsOptional()
  @IsBoolean()
  isBundle?: boolean | null;

  @Field()
  @IsDate()
  validUntil: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  message?: string | null;
}

@InputType()
export class MakeOfferInput extends OfferTermsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'intentId must be a UUID' })
  intentId: string;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the same offer.' })
  @IsOptional()
  @IsString()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}

@ArgsType()
export class MyOffersArgs extends PageArgs {
  @Field(() => OfferStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OfferStatus)
  status?: OfferStatus | null;
}

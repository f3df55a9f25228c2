import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_ITEMS_PER_STAGE, MAX_RETENTION_DAYS } from '@app/disclosure';
import { PageArgs } from '../graphql/connection';

const ItemKeys = () => [
  IsOptional(),
  IsArray(),
  ArrayMaxSize(MAX_ITEMS_PER_STAGE),
  IsString({ each: true }),
  MaxLength(48, { each: true }),
];

function applyAll(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

@InputType({
  description: 'Vault item keys per stage; a stage left out releases nothing. Every key must be in your vault.',
})
export class DisclosurePolicyInput {
  @Field(() => [String], { nullable: true })
  @applyAll(ItemKeys())
  broadcast?: string[] | null;

  @Field(() => [String], { nullable: true })
  @applyAll(ItemKeys())
  offer?: string[] | null;

  @Field(() => [String], { nullable: true })
  @applyAll(ItemKeys())
  award?: string[] | null;
}

@InputType()
export class PrivacyTermsInput {
  @Field()
  @IsBoolean()
  noMarketing: boolean;

  @Field()
  @IsBoolean()
  noResale: boolean;

  @Field(() => Int, { description: `0-${MAX_RETENTION_DAYS}.` })
  @IsInt()
  @Min(0)
  @Max(MAX_RETENTION_DAYS)
  retentionDays: number;
}

@ArgsType()
export class DisclosureGrantsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'intentId must be a UUID' })
  intentId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'vendorId must be a UUID' })
  vendorId?: string | null;
}

@ArgsType()
export class DataUseLogArgs extends DisclosureGrantsArgs {}

@InputType()
export class EraseMeInput {
  @Field({ description: 'Your password, to confirm.' })
  @IsString()
  @MaxLength(200)
  password: string;
}

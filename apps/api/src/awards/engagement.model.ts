import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { EngagementStatus } from '@app/awards';
import { MAX_COMPONENTS } from '@app/intents';
import { Connection } from '../graphql/connection';
import { Money } from '../graphql/money';
import { IntentComponentModel, IntentModel } from '../intents/intent.model';
import { OfferModel, OfferVersionModel } from '../offers/offer.model';
import { VendorModel } from '../vendors/vendor.model';

registerEnumType(EngagementStatus, { name: 'EngagementStatus' });

@ObjectType('Engagement', { description: 'A vendor engaged on an accepted offer. Visible to both parties only.' })
export class EngagementModel {
  @Field(() => ID)
  id: string;

  @Field(() => EngagementStatus)
  status: EngagementStatus;

  @Field(() => IntentModel)
  intent?: IntentModel;

  @Field(() => OfferModel)
  offer?: OfferModel;

  @Field(() => OfferVersionModel, { description: 'The terms that were accepted.' })
  acceptedVersion?: OfferVersionModel;

  @Field(() => VendorModel)
  vendor?: VendorModel;

  @Field(() => [IntentComponentModel])
  components?: IntentComponentModel[];

  @Field(() => Money)
  total?: Money;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class EngagementConnection extends Connection(EngagementModel) {}

@ObjectType()
export class AwardResult {
  @Field(() => IntentModel)
  intent: IntentModel;

  @Field(() => [EngagementModel])
  engagements: EngagementModel[];
}

@InputType()
export class AwardSelectionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'offerId must be a UUID' })
  offerId: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Which of the offer's components to take; all when omitted. Bundles are taken whole.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMPONENTS)
  @IsUUID('all', { each: true, message: 'componentIds must be UUIDs' })
  componentIds?: string[] | null;
}

@InputType()
export class AwardOffersInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'intentId must be a UUID' })
  intentId: string;

  @Field(() => [AwardSelectionInput], { description: 'One offer, or several covering different components.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @ValidateNested({ each: true })
  @Type(() => AwardSelectionInput)
  selections: AwardSelectionInput[];
}

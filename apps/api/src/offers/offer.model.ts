import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type Offer, OfferStatus } from '@app/offers';
import { Connection } from '../graphql/connection';
import { Money } from '../graphql/money';
import { IntentComponentModel, IntentModel } from '../intents/intent.model';
import { VendorModel } from '../vendors/vendor.model';

registerEnumType(OfferStatus, { name: 'OfferStatus' });

@ObjectType()
export class OfferLineModel {
  @Field(() => ID)
  componentId: string;

  @Field(() => IntentComponentModel, { nullable: true })
  component?: IntentComponentModel | null;

  @Field(() => Money, { nullable: true, description: 'Price of this component alone; null on bundle-only lines.' })
  price: Money | null;

  @Field()
  description: string;
}

@ObjectType('OfferVersion', { description: 'The terms of one revision of an offer. Never changes.' })
export class OfferVersionModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => Money)
  total?: Money;

  @Field({ description: 'Only valid if taken whole.' })
  isBundle: boolean;

  @Field(() => [OfferLineModel])
  lines?: OfferLineModel[];

  @Field()
  message: string;

  @Field()
  validUntil: Date;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class OfferVersionConnection extends Connection(OfferVersionModel) {}

@ObjectType('Offer', { description: 'Sealed: visible to the vendor who made it and the individual it was made to.' })
export class OfferModel {
  @Field(() => ID)
  id: string;

  @Field(() => OfferStatus)
  status: OfferStatus;

  @Field(() => IntentModel)
  intent?: IntentModel;

  @Field(() => VendorModel)
  vendor?: VendorModel;

  @Field(() => OfferVersionModel, { description: 'The terms in force.' })
  current?: OfferVersionModel;

  @Field(() => OfferVersionConnection, { description: 'Every revision, newest first.' })
  versions?: OfferVersionConnection;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class OfferConnection extends Connection(OfferModel) {}

@ObjectType({ description: 'One offer as it prices one component (or a bundle as a whole).' })
export class ComparedOffer {
  @Field(() => OfferModel)
  offer: Offer;

  @Field()
  vendorName: string;

  @Field(() => Float, { nullable: true, description: 'Average stars; null until the vendor has reviews.' })
  vendorRating: number | null;

  @Field(() => Money, { nullable: true })
  price: Money | null;

  @Field()
  isBundle: boolean;

  @Field(() => [ID], { description: 'Components this price covers.' })
  componentIds: string[];

  @Field()
  validUntil: Date;
}

@ObjectType()
export class ComponentComparison {
  @Field(() => IntentComponentModel)
  component: IntentComponentModel;

  @Field(() => [ComparedOffer], { description: 'Per-component prices, cheapest first.' })
  offers: ComparedOffer[];
}

@ObjectType({ description: 'Active offers on an intent side by side, per component, with bundles apart.' })
export class OfferComparison {
  @Field(() => [ComponentComparison])
  components: ComponentComparison[];

  @Field(() => [ComparedOffer], { description: 'Bundles: valid only if taken whole; cheapest first.' })
  bundles: ComparedOffer[];
}

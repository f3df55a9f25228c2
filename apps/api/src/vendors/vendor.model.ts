import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { VerificationState } from '@app/vendors';
import { CategoryModel } from '../taxonomy/category.model';

registerEnumType(VerificationState, { name: 'VerificationState' });

@ObjectType()
export class ServiceArea {
  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lng: number;

  @Field(() => Int)
  radiusKm: number;
}

@ObjectType()
export class VendorRating {
  @Field(() => Float, { nullable: true, description: '1-5 stars; null until the vendor has reviews.' })
  average: number | null;

  @Field(() => Int)
  count: number;
}

@ObjectType('Vendor', { description: "A vendor's public profile." })
export class VendorModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => [String], {
    description:
      'As the vendor typed them (trimmed; a repeat differing only in case is dropped). Matched case-insensitively.',
  })
  keywords: string[];

  @Field(() => [String], { description: 'ISO 639-1 codes.' })
  languages: string[];

  @Field(() => [CategoryModel])
  categories: CategoryModel[];

  @Field(() => ServiceArea, { nullable: true })
  serviceArea: ServiceArea | null;

  @Field(() => VerificationState)
  verification: VerificationState;

  @Field(() => VendorRating)
  rating: VendorRating;
}

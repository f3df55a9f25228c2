import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOmittable } from '../graphql/validators';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class ServiceAreaInput {
  @Field(() => Float)
  @IsLatitude()
  lat: number;

  @Field(() => Float)
  @IsLongitude()
  lng: number;

  @Field(() => Int, { description: '1-1000 km.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  radiusKm: number;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateVendorProfileInput {
  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Kept as typed: each trimmed, blanks dropped, a repeat differing only in case dropped (the first spelling stays). Matching ignores case.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  keywords?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes such as "en", "pl".' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^[a-zA-Z]{2}$/, { each: true, message: 'languages must be ISO 639-1 codes such as "en"' })
  languages?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Kept as typed: each trimmed, blanks dropped, a repeat differing only in case dropped (the first spelling stays). Matching ignores case.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  categoryCodes?: string[];

  @Field(() => ServiceAreaInput, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceAreaInput)
  serviceArea?: ServiceAreaInput | null;
}

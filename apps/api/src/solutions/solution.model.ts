import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { SolutionSelection, SolutionVendorShare } from '@app/solutions';
import { AssemblyState } from '@app/intents';
import { Money } from '../graphql/money';
import { IntentComponentModel } from '../intents/intent.model';
import { OfferModel } from '../offers/offer.model';
import { VendorModel } from '../vendors/vendor.model';

registerEnumType(AssemblyState, { name: 'AssemblyState' });

@ObjectType()
export class Infeasibility {
  @Field({
    description: 'NO_OFFER_FOR_COMPONENT, NO_EXACT_COVER, EXCLUDED_VENDORS, MIN_RATING, MAX_VENDORS or BUDGET.',
  })
  constraint: string;

  @Field()
  message: string;

  @Field(() => [ID], { nullable: true })
  componentIds?: string[] | null;
}

@ObjectType({
  description:
    'Where solution assembly for an intent stands. Any change it depends on (budget, components, constraints, ' +
    "an offer made, revised, withdrawn or expired, a vendor's rating, the intent closing) recomputes it.",
})
export class AssemblyStatus {
  @Field(() => AssemblyState, {
    description:
      'PENDING from the moment a change is committed until its recomputation is stored; the other fields ' +
      'then still describe the solutions listed, which acceptSolution refuses meanwhile.',
  })
  state: AssemblyState;

  @Field(() => Infeasibility, { nullable: true })
  infeasibility?: Infeasibility | null;

  @Field(() => Date, { nullable: true, description: 'When the solutions listed were computed.' })
  computedAt: Date | null;

  @Field(() => Float, { nullable: true, description: 'Solver time in milliseconds.' })
  solveMs?: number | null;

  @Field(() => Int, {
    description:
      'Version of the solutions listed: increases whenever a recomputation changes them (or the state); pass it ' +
      'to acceptSolution as expectedVersion.',
  })
  version: number;
}

@ObjectType('SolutionConstraints')
export class SolutionConstraintsModel {
  @Field(() => Int, { nullable: true })
  maxVendors?: number | null;

  @Field(() => Float, { nullable: true })
  minVendorRating?: number | null;

  @Field(() => [ID])
  excludedVendorIds: string[];
}

@InputType()
export class SolutionConstraintsInput {
  @Field(() => Int, { nullable: true, description: 'At most this many vendors in a solution.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxVendors?: number | null;

  @Field(() => Float, { nullable: true, description: '1-5: vendors rated lower, or not yet rated, are left out.' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(5)
  minVendorRating?: number | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'excludedVendorIds must be UUIDs' })
  excludedVendorIds?: string[] | null;
}

@ObjectType('SolutionSelection', { description: 'One offer (or some lines of it) taken into a solution.' })
export class SolutionSelectionModel {
  @Field(() => OfferModel)
  offer?: OfferModel;

  @Field(() => [IntentComponentModel])
  components?: IntentComponentModel[];

  @Field(() => Money)
  price?: Money;

  @Field()
  isBundle: boolean;

  selection?: SolutionSelection;
}

@ObjectType('SolutionVendorShare')
export class SolutionVendorShareModel {
  @Field(() => VendorModel)
  vendor?: VendorModel;

  @Field(() => Money)
  subtotal?: Money;

  share?: SolutionVendorShare;
}

@ObjectType('Solution', { description: 'A combination of offers covering every required component exactly once.' })
export class SolutionModel {
  @Field(() => Int, { description: '1 is the cheapest found; 2-4 the next-best distinct alternatives.' })
  rank: number;

  @Field(() => Money)
  total?: Money;

  @Field(() => Money, {
    nullable: true,
    description:
      'How much less this solution costs than buying each required component at its cheapest single-component ' +
      'offer (excluded and under-rated vendors left out; vendor limit and budget not applied). Never negative: ' +
      'zero when it costs as much or more. Null when some required component has no single-component offer.',
  })
  saving?: Money | null;

  @Field(() => Money, { description: 'How much more this solution costs than rank 1; zero on rank 1.' })
  extraOverBest?: Money;

  @Field({ description: 'The solver proved no cheaper combination exists (false when its time limit struck).' })
  provenOptimal: boolean;

  @Field(() => [SolutionSelectionModel])
  selections?: SolutionSelectionModel[];

  @Field(() => [SolutionVendorShareModel])
  vendors?: SolutionVendorShareModel[];
}

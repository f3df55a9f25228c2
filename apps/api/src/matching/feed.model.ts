import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MatchingState } from '@app/intents/intent.entity';
import { Connection } from '../graphql/connection';
import { IntentModel } from '../intents/intent.model';
import { CategoryModel } from '../taxonomy/category.model';

@ObjectType({ description: 'Why an intent was matched to you.' })
export class MatchReasons {
  @Field(() => CategoryModel, { nullable: true, description: 'Your category that fits the intent, if any.' })
  category?: CategoryModel | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Km from your service-area centre to the intent (coarse location).',
  })
  distanceKm: number | null;

  @Field(() => [String], { description: 'Words of the intent found in your description or keywords.' })
  words: string[];
}

@ObjectType('FeedItem', { description: 'An intent matched to you, with why it matched.' })
export class FeedItemModel {
  @Field(() => IntentModel)
  intent: IntentModel;

  @Field(() => Float, { description: 'Match score, 0-1: fit first, then proximity and rating.' })
  score: number;

  @Field(() => MatchReasons)
  reasons: MatchReasons;

  @Field({ description: 'When the intent was matched to you.' })
  matchedAt: Date;

  @Field(() => Date, { nullable: true })
  declinedAt: Date | null;
}

@ObjectType()
export class FeedItemConnection extends Connection(FeedItemModel, 'FeedItem') {}

registerEnumType(MatchingState, { name: 'MatchingState' });

@ObjectType({ description: 'Where matching of an intent stands (owner only).' })
export class MatchingStatus {
  @Field(() => MatchingState)
  state: MatchingState;

  @Field({ description: 'When it reached this state.' })
  at: Date;

  @Field(() => Int, { description: 'Vendors matched so far.' })
  vendorCount: number;

  @Field(() => String, { nullable: true, description: 'Why matching failed (FAILED only).' })
  error: string | null;
}

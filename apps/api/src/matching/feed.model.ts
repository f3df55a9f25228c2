import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MatchingState } from '@app/intents';
import { FamilyRelation, MatchBasis, WordMatchKind } from '@app/matching';
import { Connection } from '../graphql/connection';
import { IntentModel } from '../intents/intent.model';
import { CategoryModel } from '../taxonomy/category.model';

registerEnumType(MatchBasis, {
  name: 'MatchBasis',
  description: 'What a match rests on.',
  valuesMap: {
    CATEGORY: { description: "One of your categories is in the need's category family." },
    CATEGORY_WORDS: {
      description:
        "You list no category, but your name or keywords say the need's category (its name or a keyword no other category uses).",
    },
    NEED_WORDS: {
      description: 'The need has no category, and your words fit its words (places, postcodes and filler never count).',
    },
  },
});

registerEnumType(FamilyRelation, {
  name: 'CategoryRelation',
  description: "How your category relates to the need's category.",
  valuesMap: {
    SAME: { description: "The need's own category." },
    NARROWER: { description: 'A more specific kind of it (a piano mover for removals).' },
    BROADER: { description: 'Its parent (a removals firm for piano moving).' },
  },
});

registerEnumType(WordMatchKind, {
  name: 'WordMatchKind',
  description: 'How a word of the need reached a word of yours.',
  valuesMap: {
    SAME: { description: 'The same word, or another form of it ("organs" and "organ").' },
    SPELLING: { description: 'A misspelling of it ("orgen" read as "organ").' },
    COMPOUND: {
      description:
        'Words run together or apart ("rockinghorse" as "rocking" and "horse"; "book binding" as "bookbinding").',
    },
  },
});

@ObjectType({ description: 'A word of the need that you use.' })
export class WordMatch {
  @Field({ description: 'The word as the individual wrote it.' })
  word: string;

  @Field(() => String, { nullable: true, description: 'Your word it was read as (SPELLING, COMPOUND).' })
  readAs: string | null;

  @Field(() => WordMatchKind)
  kind: WordMatchKind;

  @Field({ description: 'In your name or keywords; otherwise only in your description (which counts for less).' })
  inNameOrKeywords: boolean;

  @Field(() => Int, {
    description: 'How many of the vendors that reach the intent use it: the fewer, the more it says about the need.',
  })
  vendorsInReach: number;
}

@ObjectType({ description: 'Why an intent was matched to you.' })
export class MatchReasons {
  @Field(() => MatchBasis)
  basis: MatchBasis;

  @Field(() => CategoryModel, { nullable: true, description: 'Your category that fits the intent (CATEGORY).' })
  category?: CategoryModel | null;

  @Field(() => FamilyRelation, { nullable: true, description: "How your category relates to the need's (CATEGORY)." })
  relation: FamilyRelation | null;

  @Field(() => CategoryModel, { nullable: true, description: "The need's category (CATEGORY, CATEGORY_WORDS)." })
  needCategory?: CategoryModel | null;

  @Field(() => ID, {
    nullable: true,
    description: "The intent's component (need) you were matched to; every component is matched on its own.",
  })
  componentId: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Km from your service-area centre to the intent (coarse location); null if you serve anywhere.',
  })
  distanceKm: number | null;

  @Field(() => [String], {
    description:
      "The need's words you use (NEED_WORDS), or the category phrase your name or keywords hold (CATEGORY_WORDS).",
  })
  words: string[];

  @Field(() => [WordMatch], { description: 'Each word of the need you use, and why it counts (NEED_WORDS).' })
  wordMatches: WordMatch[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Vendors whose area reaches the intent (counted up to 1000), among whom word specificity was measured.',
  })
  vendorsInReach: number | null;

  @Field({ description: 'The reasons in a sentence.' })
  explanation: string;
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

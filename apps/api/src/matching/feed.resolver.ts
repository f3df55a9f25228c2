import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type IntentMatch, basisOf, explainMatch, VendorFeedService } from '@app/matching';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { type ConnectionShape, toConnection } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { FeedArgs } from './feed.args';
import { FeedItemConnection, FeedItemModel, MatchReasons } from './feed.model';

/** A feed item is the stored match; its fields are derived here. */
export type FeedItem = IntentMatch;

@Resolver(() => FeedItemModel)
export class FeedResolver {
  constructor(private readonly feedService: VendorFeedService) {}

  @Roles(AccountKind.VENDOR)
  @Query(() => FeedItemConnection, {
    description: 'The intents matched to you, newest match first. Open and not declined unless asked.',
  })
  async feed(@CurrentViewer() viewer: Viewer, @Args() args: FeedArgs): Promise<ConnectionShape<FeedItem>> {
    return toConnection(await this.feedService.list(viewer, args));
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => FeedItemModel, {
    description: 'You will not offer on this intent: it leaves your feed, and makeOffer on it fails with CONFLICT.',
  })
  declineIntent(@CurrentViewer() viewer: Viewer, @Args('intentId', { type: () => ID }) intentId: string) {
    return this.feedService.decline(viewer, intentId);
  }

  @ResolveField(() => Date)
  matchedAt(item: FeedItem): Date {
    return item.createdAt;
  }

  @ResolveField(() => MatchReasons)
  async reasons(item: FeedItem, _args: NoArgs, context: GraphQLContext): Promise<MatchReasons> {
    const reasons = item.reasons;
    const [category, needCategory] = await Promise.all(
      [reasons.categoryCode, reasons.needCategoryCode].map((code) =>
        code ? context.loaders.category.load(code) : Promise.resolve(null),
      ),
    );
    const names = new Map([category, needCategory].flatMap((c) => (c ? [[c.code, c.name] as const] : [])));
    return {
      basis: basisOf(reasons),
      category,
      relation: reasons.relation ?? null,
      needCategory,
      componentId: reasons.componentId ?? null,
      distanceKm: reasons.distanceKm ?? null,
      words: reasons.words ?? [],
      wordMatches: (reasons.wordMatches ?? []).map((match) => ({
        word: match.word,
        readAs: match.readAs ?? null,
        kind: match.kind,
        inNameOrKeywords: match.named,
        vendorsInReach: match.vendorsInReach,
      })),
      vendorsInReach: reasons.vendorsInReach ?? null,
      explanation: explainMatch(reasons, (code) => names.get(code) ?? null),
    };
  }
}

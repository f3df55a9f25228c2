import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type Engagement, AwardsService } from '@app/awards';
import type { Intent } from '@app/intents';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { PageArgs, toConnection } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { Money, toMoney } from '../graphql/money';
import { IntentComponentModel, IntentModel } from '../intents/intent.model';
import { OfferVersionModel } from '../offers/offer.model';
import { AwardOffersInput, AwardResult, EngagementConnection, EngagementModel } from './engagement.model';

@Resolver(() => EngagementModel)
export class AwardsResolver {
  constructor(private readonly awards: AwardsService) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => AwardResult, {
    description: 'Accept one offer, or several for different components, all or nothing.',
  })
  awardOffers(@CurrentViewer() viewer: Viewer, @Args('input') input: AwardOffersInput) {
    return this.awards.award(viewer, input);
  }

  @Query(() => EngagementModel)
  engagement(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.awards.findVisible(viewer, id);
  }

  @Query(() => EngagementConnection, { description: 'Your engagements (as individual or vendor), newest first.' })
  async myEngagements(@CurrentViewer() viewer: Viewer, @Args() page: PageArgs) {
    return toConnection(await this.awards.listOwn(viewer, page));
  }

  @ResolveField(() => IntentModel)
  intent(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.intent.load(engagement.intentId);
  }

  @ResolveField()
  offer(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.offer.load(engagement.offerId);
  }

  @ResolveField(() => OfferVersionModel)
  acceptedVersion(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.offerVersion.load(engagement.offerVersionId);
  }

  @ResolveField()
  vendor(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.vendor.load(engagement.vendorId);
  }

  @ResolveField(() => [IntentComponentModel])
  async components(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    const components = await context.loaders.intentComponents.load(engagement.intentId);
    return components.filter((component) => engagement.componentIds.includes(component.id));
  }

  @ResolveField(() => Money)
  total(engagement: Engagement) {
    return toMoney(engagement.totalMinor, engagement.currency);
  }
}

/** Engagement field on Intent, owned by the awards context. */
@Resolver(() => IntentModel)
export class IntentEngagementsResolver {
  @ResolveField(() => [EngagementModel], { description: 'All engagements for the owner; a vendor sees only its own.' })
  engagements(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.engagementsByIntent.load(intent.id);
  }
}

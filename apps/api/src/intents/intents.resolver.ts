import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type IntentComponent, type Intent, IntentsService } from '@app/intents';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { toConnection } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { Money, toMoney } from '../graphql/money';
import { CategoryModel } from '../taxonomy/category.model';
import { CreateIntentInput, MyIntentsArgs, UpdateIntentInput } from './intent.inputs';
import {
  CoarseLocation,
  ExactLocation,
  IntentComponentModel,
  IntentConnection,
  IntentModel,
  TimeWindow,
} from './intent.model';

@Resolver(() => IntentModel)
export class IntentsResolver {
  constructor(private readonly intents: IntentsService) {}

  @Query(() => IntentModel, { description: 'An intent you own, or one matched to you as a vendor.' })
  intent(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.intents.findVisible(viewer, id);
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Query(() => IntentConnection, { description: 'Your intents, newest first.' })
  async myIntents(@CurrentViewer() viewer: Viewer, @Args() args: MyIntentsArgs) {
    return toConnection(await this.intents.listOwned(viewer, args));
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => IntentModel, { description: 'Post an intent; it opens at once unless publish is false.' })
  createIntent(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateIntentInput) {
    return this.intents.create(viewer, input);
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => IntentModel, { description: 'Change a draft or open intent.' })
  updateIntent(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateIntentInput,
  ) {
    return this.intents.update(viewer, id, input);
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => IntentModel, { description: 'Open a draft to vendors.' })
  publishIntent(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.intents.publish(viewer, id);
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => IntentModel)
  withdrawIntent(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.intents.withdraw(viewer, id);
  }

  // Field resolvers take (parent, args, context) as graphql-js passes them, with no parameter
  // decorators: Nest then calls the method directly instead of through its per-call parameter
  // resolution and pipe chain (see NoArgs in graphql-context.ts).

  @ResolveField(() => CategoryModel, { nullable: true })
  category(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return intent.categoryCode ? context.loaders.category.load(intent.categoryCode) : null;
  }

  @ResolveField(() => CoarseLocation)
  location(intent: Intent): CoarseLocation {
    return { lat: intent.coarseLat, lng: intent.coarseLng, area: intent.coarseArea };
  }

  @ResolveField(() => ExactLocation, { nullable: true })
  exactLocation(intent: Intent, _args: NoArgs, context: GraphQLContext): ExactLocation | null {
    if (context.viewer?.accountId !== intent.ownerId) return null;
    return { lat: intent.exactLat, lng: intent.exactLng, postcode: intent.locationText };
  }

  @ResolveField(() => TimeWindow)
  window(intent: Intent): TimeWindow {
    return { start: intent.windowStart, end: intent.windowEnd };
  }

  @ResolveField(() => Money, { nullable: true })
  budget(intent: Intent) {
    return toMoney(intent.budgetMinor, intent.budgetCurrency);
  }

  @ResolveField(() => [IntentComponentModel])
  components(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.intentComponents.load(intent.id);
  }
}

@Resolver(() => IntentComponentModel)
export class IntentComponentsResolver {
  @ResolveField(() => CategoryModel, { nullable: true })
  category(component: IntentComponent, _args: NoArgs, context: GraphQLContext) {
    return component.categoryCode ? context.loaders.category.load(component.categoryCode) : null;
  }
}

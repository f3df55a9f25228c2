import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import type { Intent } from '@app/intents';
import { type ComparedOfferRow, type OfferVersion, type Offer, OffersService } from '@app/offers';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { PageArgs, toConnection } from '../graphql/connection';
import { type GraphQLContext, type NoArgs, viewerOf } from '../graphql/graphql-context';
import { Money, toMoney } from '../graphql/money';
import { IntentModel } from '../intents/intent.model';
import { MakeOfferInput, MyOffersArgs, OfferTermsInput } from './offer.inputs';
import {
  type ComparedOffer,
  OfferComparison,
  OfferConnection,
  OfferLineModel,
  OfferModel,
  OfferVersionConnection,
  OfferVersionModel,
} from './offer.model';

const toComparedOffer = (row: ComparedOfferRow): ComparedOffer => ({
  offer: row.offer,
  vendorName: row.vendor.name,
  vendorRating: row.vendor.ratingAverage,
  price: toMoney(row.priceMinor, row.currency),
  isBundle: row.isBundle,
  componentIds: row.componentIds,
  validUntil: row.validUntil,
});

@Resolver(() => OfferModel)
export class OffersResolver {
  constructor(private readonly offers: OffersService) {}

  @Query(() => OfferModel, { description: 'An offer you made, or one made on your intent.' })
  offer(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.offers.findVisible(viewer, id);
  }

  @Roles(AccountKind.VENDOR)
  @Query(() => OfferConnection, { description: 'Offers you made, newest first.' })
  async myOffers(@CurrentViewer() viewer: Viewer, @Args() args: MyOffersArgs) {
    return toConnection(await this.offers.listOwn(viewer, args));
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => OfferModel, { description: 'Offer on an intent matched to you.' })
  makeOffer(@CurrentViewer() viewer: Viewer, @Args('input') input: MakeOfferInput) {
    return this.offers.make(viewer, input);
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => OfferModel, { description: 'New terms as a new version; earlier versions stay listable.' })
  reviseOffer(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: OfferTermsInput,
  ) {
    return this.offers.revise(viewer, id, input);
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => OfferModel)
  withdrawOffer(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.offers.withdraw(viewer, id);
  }

  @ResolveField(() => IntentModel)
  intent(offer: Offer, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.intent.load(offer.intentId);
  }

  @ResolveField()
  vendor(offer: Offer, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.vendor.load(offer.vendorId);
  }

  @ResolveField(() => OfferVersionModel)
  current(offer: Offer, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.currentOfferVersion.load(offer.id);
  }

  @ResolveField(() => OfferVersionConnection)
  async versions(@Parent() offer: Offer, @Args() page: PageArgs, @Context() context: GraphQLContext) {
    const viewer = viewerOf(context);
    const versions = page.after
      ? await this.offers.listVersions(viewer, offer.id, page)
      : await context.loaders.versionPages(page.first).load(offer.id);
    return toConnection(versions);
  }
}

@Resolver(() => OfferVersionModel)
export class OfferVersionsResolver {
  @ResolveField(() => Money)
  total(version: OfferVersion) {
    return toMoney(version.totalMinor, version.currency);
  }

  @ResolveField(() => [OfferLineModel])
  async lines(version: OfferVersion, _args: NoArgs, context: GraphQLContext): Promise<OfferLineModel[]> {
    const offer = await context.loaders.offer.load(version.offerId);
    const components = offer ? await context.loaders.intentComponents.load(offer.intentId) : [];
    return version.lines.map((line) => ({
      componentId: line.componentId,
      component: components.find((component) => component.id === line.componentId) ?? null,
      price: toMoney(line.amountMinor, version.currency),
      description: line.description,
    }));
  }
}

/** Offer fields on Intent: listed here so the offers context owns them. */
@Resolver(() => IntentModel)
export class IntentOffersResolver {
  constructor(private readonly offersService: OffersService) {}

  @ResolveField(() => OfferConnection, {
    description: 'All offers for the owner; only your own for a vendor (offers are sealed).',
  })
  async offers(@Parent() intent: Intent, @Args() page: PageArgs, @Context() context: GraphQLContext) {
    const viewer = viewerOf(context);
    const offers = page.after
      ? await this.offersService.listForIntent(viewer, intent.id, page)
      : await context.loaders.offerPages(page.first).load(intent.id);
    return toConnection(offers);
  }

  @ResolveField(() => OfferComparison, { description: 'Active offers side by side per component. Owner only.' })
  async offerComparison(intent: Intent, _args: NoArgs, context: GraphQLContext): Promise<OfferComparison> {
    const rows = await this.offersService.compare(viewerOf(context), intent.id);
    return {
      components: rows.components.map(({ component, offers }) => ({
        component,
        offers: offers.map(toComparedOffer),
      })),
      bundles: rows.bundles.map(toComparedOffer),
    };
  }
}

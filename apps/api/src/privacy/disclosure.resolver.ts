import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import type { Engagement } from '@app/awards';
import {
  type DisclosedItem,
  type DisclosureGrant,
  DisclosureGrantsService,
  DisclosurePolicyService,
  type PolicyView,
  type TermsView,
} from '@app/disclosure';
import type { Intent } from '@app/intents';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { EngagementModel } from '../awards/engagement.model';
import { toConnection } from '../graphql/connection';
import type { DisclosureAccessPath } from '../graphql/loaders';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { IntentModel } from '../intents/intent.model';
import { VendorModel } from '../vendors/vendor.model';
import { DisclosureGrantsArgs, DisclosurePolicyInput, PrivacyTermsInput } from './disclosure.inputs';
import {
  ConsentReceiptModel,
  DisclosedItemModel,
  DisclosureGrantConnection,
  DisclosureGrantModel,
  DisclosurePolicyModel,
  PrivacyTermsModel,
} from './disclosure.models';

const toPolicyModel = (view: PolicyView): DisclosurePolicyModel => ({
  broadcast: [...view.policy.broadcast],
  offer: [...view.policy.offer],
  award: [...view.policy.award],
  updatedAt: view.updatedAt,
});

/** Vendor reads of disclosed data, batched per request; every read is logged by the reader. */
function disclosedItems(
  context: GraphQLContext,
  accessPath: DisclosureAccessPath,
  intentId: string,
): Promise<DisclosedItem[]> | null {
  if (context.viewer?.kind !== AccountKind.VENDOR) return null;
  return context.loaders.disclosedItems(accessPath).load(intentId);
}

@Resolver()
export class DisclosureResolver {
  constructor(
    private readonly policies: DisclosurePolicyService,
    private readonly grants: DisclosureGrantsService,
  ) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => DisclosurePolicyModel, {
    description:
      'Choose which vault items each stage of your intent releases. Vendors already at a stage get the new set at once, with new consent receipts.',
  })
  async setDisclosurePolicy(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID }) intentId: string,
    @Args('input') input: DisclosurePolicyInput,
  ) {
    return toPolicyModel(await this.policies.setPolicy(viewer, intentId, input));
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => PrivacyTermsModel, {
    description: 'State the terms vendors must accept before seeing any disclosed item.',
  })
  setPrivacyTerms(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID }) intentId: string,
    @Args('input') input: PrivacyTermsInput,
  ) {
    return this.policies.setTerms(viewer, intentId, input);
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => PrivacyTermsModel, {
    description: 'Accept the current privacy terms of an intent matched to you (recorded).',
  })
  async acceptPrivacyTerms(@CurrentViewer() viewer: Viewer, @Args('intentId', { type: () => ID }) intentId: string) {
    return { ...(await this.policies.acceptTerms(viewer, intentId)), acceptedByMe: true };
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Query(() => DisclosureGrantConnection, {
    description: 'What you disclosed to whom, newest first, ended ones included.',
  })
  async disclosureGrants(@CurrentViewer() viewer: Viewer, @Args() args: DisclosureGrantsArgs) {
    return toConnection(await this.grants.listForIndividual(viewer, args));
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => DisclosureGrantModel, {
    description:
      "Revoke a grant: the vendor loses access to this intent's personal data for good; its later reads fail with FORBIDDEN and are logged.",
  })
  revokeDisclosureGrant(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.grants.revoke(viewer, id);
  }
}

/** Privacy fields on Intent, owned by the privacy context. */
@Resolver(() => IntentModel)
export class IntentPrivacyResolver {
  @ResolveField(() => DisclosurePolicyModel, {
    nullable: true,
    description: 'Your disclosure policy. null unless you own the intent.',
  })
  async disclosurePolicy(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    if (context.viewer?.accountId !== intent.ownerId) return null;
    return toPolicyModel(await context.loaders.disclosurePolicy.load(intent.id));
  }

  @ResolveField(() => PrivacyTermsModel, {
    description: 'The terms a vendor accepts before it sees any disclosed item.',
  })
  privacyTerms(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.privacyTerms.load(intent.id);
  }

  @ResolveField(() => [DisclosedItemModel], {
    nullable: true,
    description:
      'For vendors: the personal data the individual disclosed to you at your current stage, once you accepted the privacy terms. Every read is logged for the individual. null for the owner (see vault).',
  })
  disclosedItems(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return disclosedItems(context, 'Intent.disclosedItems', intent.id);
  }
}

@Resolver(() => EngagementModel)
export class EngagementDisclosureResolver {
  @ResolveField(() => [DisclosedItemModel], {
    nullable: true,
    description:
      "For the engaged vendor: the individual's disclosed data (as Intent.disclosedItems). null for the individual.",
  })
  disclosedItems(engagement: Engagement, _args: NoArgs, context: GraphQLContext) {
    return disclosedItems(context, 'Engagement.disclosedItems', engagement.intentId);
  }
}

@Resolver(() => PrivacyTermsModel)
export class PrivacyTermsResolver {
  @ResolveField(() => Boolean, { nullable: true })
  async acceptedByMe(terms: TermsView & { acceptedByMe?: boolean }, _args: NoArgs, context: GraphQLContext) {
    if (terms.acceptedByMe !== undefined) return terms.acceptedByMe;
    if (context.viewer?.kind !== AccountKind.VENDOR || !context.viewer.vendorId) return null;
    return context.loaders.termsAcceptedByViewer.load(terms.intentId);
  }
}

@Resolver(() => DisclosureGrantModel)
export class DisclosureGrantFieldsResolver {
  @ResolveField(() => IntentModel)
  intent(grant: DisclosureGrant, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.intent.load(grant.intentId);
  }

  @ResolveField(() => VendorModel)
  vendor(grant: DisclosureGrant, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.vendor.load(grant.vendorId);
  }

  @ResolveField(() => ConsentReceiptModel)
  receipt(grant: DisclosureGrant, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.consentReceiptByGrant.load(grant.id);
  }
}

import { Args, ID, Int, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type Intent, AssemblyState } from '@app/intents';
import {
  type IntentSolution,
  type SolutionSelection,
  type SolutionVendorShare,
  SolutionsService,
  isAssemblyPending,
} from '@app/solutions';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { AwardResult } from '../awards/engagement.model';
import { type GraphQLContext, type NoArgs, viewerOf } from '../graphql/graphql-context';
import { Money, toMoney } from '../graphql/money';
import { IntentComponentModel, IntentModel } from '../intents/intent.model';
import {
  AssemblyStatus,
  SolutionConstraintsInput,
  SolutionConstraintsModel,
  SolutionModel,
  SolutionSelectionModel,
  SolutionVendorShareModel,
} from './solution.model';

const isOwner = (intent: Intent, context: GraphQLContext) => context.viewer?.accountId === intent.ownerId;

/** Solution fields on Intent and the mutations that act on solutions. Owner only. */
@Resolver(() => IntentModel)
export class IntentSolutionsResolver {
  constructor(private readonly solutionService: SolutionsService) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => IntentModel, { description: 'Constraints for assembled solutions; solutions are recomputed.' })
  setSolutionConstraints(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID }) intentId: string,
    @Args('input') input: SolutionConstraintsInput,
  ) {
    return this.solutionService.setConstraints(viewer, intentId, input);
  }

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => AwardResult, {
    description:
      'Accept every offer of a solution at once, all or nothing. Fails with CONFLICT, naming what changed and ' +
      'writing nothing, when an offer is no longer active, current or valid, when the constraints (budget, ' +
      'excluded vendors, minimum rating, vendor limit) no longer hold, while a recomputation is pending, or ' +
      'when expectedVersion is not the current assembly.version.',
  })
  acceptSolution(
    @CurrentViewer() viewer: Viewer,
    @Args('intentId', { type: () => ID }) intentId: string,
    @Args('rank', { type: () => Int, defaultValue: 1 }) rank: number,
    @Args('expectedVersion', {
      type: () => Int,
      nullable: true,
      description: 'Recommended: the assembly.version of the solutions you showed, so you accept exactly those.',
    })
    expectedVersion?: number | null,
  ) {
    return this.solutionService.accept(viewer, intentId, rank, expectedVersion);
  }

  @ResolveField(() => [SolutionModel], {
    description: 'The cheapest combinations of offers (bundles included) that cover the intent. Owner only.',
  })
  solutions(intent: Intent, _args: NoArgs, context: GraphQLContext) {
    return this.solutionService.listForOwner(viewerOf(context), intent.id);
  }

  @ResolveField(() => AssemblyStatus, { nullable: true, description: 'Owner only; null for others.' })
  assembly(intent: Intent, _args: NoArgs, context: GraphQLContext): AssemblyStatus | null {
    if (!isOwner(intent, context)) return null;
    const outcome = intent.assemblyOutcome;
    const pending = isAssemblyPending(intent);
    if (!outcome && !pending) return null;
    return {
      ...outcome,
      state: pending ? AssemblyState.PENDING : (outcome?.state ?? AssemblyState.NONE),
      computedAt: outcome?.computedAt ? new Date(outcome.computedAt) : null,
      version: outcome?.version ?? 0,
    };
  }

  @ResolveField(() => SolutionConstraintsModel, { nullable: true, description: 'Owner only; null for others.' })
  solutionConstraints(intent: Intent, _args: NoArgs, context: GraphQLContext): SolutionConstraintsModel | null {
    if (!isOwner(intent, context)) return null;
    const constraints = intent.solutionConstraints ?? {};
    return {
      maxVendors: constraints.maxVendors ?? null,
      minVendorRating: constraints.minVendorRating ?? null,
      excludedVendorIds: constraints.excludedVendorIds ?? [],
    };
  }
}

@Resolver(() => SolutionModel)
export class SolutionsResolver {
  @ResolveField(() => Money)
  total(solution: IntentSolution) {
    return toMoney(solution.totalMinor, solution.currency);
  }

  @ResolveField(() => Money, { nullable: true })
  saving(solution: IntentSolution) {
    return toMoney(solution.savingMinor, solution.currency);
  }

  @ResolveField(() => Money)
  extraOverBest(solution: IntentSolution) {
    return toMoney(solution.extraOverBestMinor, solution.currency);
  }

  @ResolveField(() => [SolutionSelectionModel])
  selections(solution: IntentSolution): Array<SolutionSelection & { intentId: string; currency: string }> {
    return solution.selections.map((selection) => ({
      ...selection,
      intentId: solution.intentId,
      currency: solution.currency,
    }));
  }

  @ResolveField(() => [SolutionVendorShareModel])
  vendors(solution: IntentSolution): Array<SolutionVendorShare & { currency: string }> {
    return solution.vendors.map((share) => ({ ...share, currency: solution.currency }));
  }
}

@Resolver(() => SolutionSelectionModel)
export class SolutionSelectionsResolver {
  @ResolveField()
  offer(selection: SolutionSelection, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.offer.load(selection.offerId);
  }

  @ResolveField(() => [IntentComponentModel])
  async components(selection: SolutionSelection & { intentId: string }, _args: NoArgs, context: GraphQLContext) {
    const components = await context.loaders.intentComponents.load(selection.intentId);
    return components.filter((component) => selection.componentIds.includes(component.id));
  }

  @ResolveField(() => Money)
  price(selection: SolutionSelection & { currency: string }) {
    return toMoney(selection.price, selection.currency);
  }
}

@Resolver(() => SolutionVendorShareModel)
export class SolutionVendorSharesResolver {
  @ResolveField()
  vendor(share: SolutionVendorShare, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.vendor.load(share.vendorId);
  }

  @ResolveField(() => Money)
  subtotal(share: SolutionVendorShare & { currency: string }) {
    return toMoney(share.subtotal, share.currency);
  }
}

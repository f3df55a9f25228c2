import { ResolveField, Resolver } from '@nestjs/graphql';
import type { Intent } from '@app/intents';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { IntentModel } from '../intents/intent.model';
import { MatchingStatus } from './feed.model';

@Resolver(() => IntentModel)
export class IntentMatchingResolver {
  @ResolveField(() => MatchingStatus, {
    nullable: true,
    description: 'Owner only: pending until the worker matched it, or FAILED after its retries. Null for drafts.',
  })
  matching(intent: Intent, _args: NoArgs, context: GraphQLContext): MatchingStatus | null {
    const outcome = intent.matchingOutcome;
    if (context.viewer?.accountId !== intent.ownerId || !outcome) return null;
    return {
      state: outcome.state,
      at: new Date(outcome.at),
      vendorCount: outcome.vendorCount ?? 0,
      error: outcome.error ?? null,
    };
  }
}

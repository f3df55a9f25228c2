import type { Viewer } from '@app/accounts';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  viewer: Viewer | null;
  /** A credential was sent but did not resolve to an account. */
  invalidCredential: boolean;
  /** Per-request DataLoaders: every relation is batched. */
  loaders: Loaders;
}

/**
 * The `args` of a field resolver that takes none. A @ResolveField method without parameter
 * decorators (`budget(intent: Intent, _args: NoArgs, context: GraphQLContext)`) is called by
 * @nestjs/graphql as graphql-js calls a resolver, with (parent, args, context, info), skipping the
 * per-call parameter resolution and pipes that @Parent()/@Context() cost on every row of a list.
 * Guards, interceptors and filters never run on field resolvers here (no `fieldResolverEnhancers`),
 * so nothing else changes. Keep @Args() (validated by the pipe) where a field takes arguments.
 */
export type NoArgs = Record<string, never>;

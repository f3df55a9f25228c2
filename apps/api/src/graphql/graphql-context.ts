import type { Viewer } from '@app/accounts';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  viewer: Viewer | null;
  /** A credential was sent but did not resolve to an account. */
  invalidCredential: boolean;
  /** Per-request DataLoaders (per event for subscriptions): every batched read goes through one. */
  loaders: Loaders;
}

/**
 * The `args` of a field resolver that takes none.
 *
 * How a field resolver is written here: a @ResolveField method takes `(parent, args, context)` as
 * graphql-js passes them, with no parameter decorators (`budget(intent: Intent, _args: NoArgs, context:
 * GraphQLContext)`), so @nestjs/graphql calls it directly instead of resolving @Parent()/@Context() and
 * running the global pipe on every row of a list. Guards, interceptors and filters never run on field
 * resolvers here (no `fieldResolverEnhancers`), so nothing else changes. The viewer is `context.viewer`
 * (`viewerOf(context)` where one is required), never @CurrentViewer().
 *
 * A field with GraphQL arguments declares them with @Args() (the schema is built from it, and the
 * validation pipe checks them); Nest then fills only decorated parameters, so such a method is the
 * same three parameters, each decorated: `(@Parent() parent, @Args() args, @Context() context)`.
 * eslint.config.mjs enforces both.
 */
export type NoArgs = Record<string, never>;

/**
 * The viewer of a field that needs one. The root field's guard already required a viewer (guards do
 * not run on fields), so none here is a bug, not a client error.
 */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw new Error('a field that needs a viewer resolved without one');
  return context.viewer;
}

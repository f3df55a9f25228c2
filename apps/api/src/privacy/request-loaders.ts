import DataLoader from 'dataloader';
import type { GraphQLContext } from '../graphql/graphql-context';

const stores = new WeakMap<GraphQLContext, Map<string, DataLoader<string, unknown>>>();

/**
 * A DataLoader living as long as one request (its GraphQL context), created on first use. Lets the
 * privacy resolvers batch without adding to the shared Loaders; like those, it holds no authorisation.
 */
export function requestLoader<V>(
  context: GraphQLContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<ArrayLike<V | Error>>,
): DataLoader<string, V> {
  let store = stores.get(context);
  if (!store) {
    store = new Map();
    stores.set(context, store);
  }
  let loader = store.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch);
    store.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

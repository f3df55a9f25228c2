import type { Viewer } from '@app/accounts';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  viewer: Viewer | null;
  /** A credential was sent but did not resolve to an account. */
  invalidCredential: boolean;
  /** Per-request DataLoaders: every relation is batched. */
  loaders: Loaders;
}

import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AccountKind, Viewer } from '@app/accounts';
import type { GraphQLContext } from '../graphql/graphql-context';

export const PUBLIC_KEY = 'intentcast:public';
export const ROLES_KEY = 'intentcast:roles';

/** Opens a resolver to anonymous callers. Everything else requires a viewer. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Restricts a resolver to these account kinds. */
export const Roles = (...kinds: AccountKind[]) => SetMetadata(ROLES_KEY, kinds);

export const CurrentViewer = createParamDecorator((_: unknown, context: ExecutionContext): Viewer => {
  const viewer = GqlExecutionContext.create(context).getContext<GraphQLContext>().viewer;
  if (!viewer) throw new Error('CurrentViewer used on a resolver without a viewer');
  return viewer;
});

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AccountKind } from '@app/accounts';
import { forbidden, unauthenticated } from '@app/common';
import type { GraphQLContext } from '../graphql/graphql-context';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/**
 * Global guard: every resolver needs a viewer unless marked @Public, and the
 * viewer's kind must be one of @Roles when given. Default is deny.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    const gqlContext = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!gqlContext.viewer) {
      throw unauthenticated(gqlContext.invalidCredential ? 'The credential is invalid or expired' : undefined);
    }
    const roles = this.reflector.getAllAndOverride<AccountKind[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(gqlContext.viewer.kind)) {
      throw forbidden(`Only ${roles.join(' or ')} accounts can do this`);
    }
    return true;
  }
}

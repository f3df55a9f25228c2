import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { badInput } from '@app/common';
import { ErasureService } from '@app/erasure';
import { CurrentViewer, Public, Roles } from '../auth/auth.decorators';
import { ViewerService } from '../auth/viewer.service';
import { EraseMeInput } from './disclosure.inputs';
import { ErasureReceiptModel, ErasureRequested } from './disclosure.models';

@Resolver()
export class ErasureResolver {
  constructor(
    private readonly erasure: ErasureService,
    private readonly viewers: ViewerService,
  ) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Mutation(() => ErasureRequested, {
    description:
      'Delete me. Sign-in, sessions and API tokens stop at once; a worker then destroys the vault key, anonymises intents and engagements and removes queued jobs naming you. Export first if you want a copy.',
  })
  async eraseMe(@CurrentViewer() viewer: Viewer, @Args('input') input: EraseMeInput): Promise<ErasureRequested> {
    const { token, receipt } = await this.erasure.request(viewer, input.password);
    this.viewers.forget(viewer.accountId);
    return { receiptToken: token, receipt };
  }

  @Public()
  @Query(() => ErasureReceiptModel, { description: 'The receipt of an erasure, by the token eraseMe returned.' })
  erasureReceipt(@Args('token') token: string) {
    if (token.length > 200) throw badInput('token', 'token is not valid');
    return this.erasure.receipt(token);
  }
}

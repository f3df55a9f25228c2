import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { ConsentReceiptsService } from '@app/disclosure';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { PageArgs, toConnection } from '../graphql/connection';
import { ConsentReceiptConnection, ConsentReceiptModel } from './disclosure.models';

@Roles(AccountKind.INDIVIDUAL)
@Resolver(() => ConsentReceiptModel)
export class ConsentReceiptsResolver {
  constructor(private readonly receipts: ConsentReceiptsService) {}

  @Query(() => ConsentReceiptConnection, {
    description: 'Your consent receipts, one per disclosure grant, newest first.',
  })
  async consentReceipts(@CurrentViewer() viewer: Viewer, @Args() page: PageArgs) {
    return toConnection(await this.receipts.list(viewer, page));
  }

  @Query(() => ConsentReceiptModel)
  consentReceipt(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.receipts.find(viewer, id);
  }
}

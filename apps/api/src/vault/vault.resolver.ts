import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { VaultService } from '@app/vault';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { SetVaultItemInput, VaultItemModel } from './vault.models';

@Roles(AccountKind.INDIVIDUAL)
@Resolver(() => VaultItemModel)
export class VaultResolver {
  constructor(private readonly vaultService: VaultService) {}

  @Query(() => [VaultItemModel], { description: 'Your personal data vault, decrypted, by key.' })
  vault(@CurrentViewer() viewer: Viewer) {
    return this.vaultService.list(viewer);
  }

  @Mutation(() => VaultItemModel, { description: 'Add or replace a vault item (encrypted before it is stored).' })
  setVaultItem(@CurrentViewer() viewer: Viewer, @Args('input') input: SetVaultItemInput) {
    return this.vaultService.set(viewer, input);
  }

  @Mutation(() => Boolean, {
    description: 'Delete a vault item; false when there was none. Later reads no longer include it.',
  })
  deleteVaultItem(@CurrentViewer() viewer: Viewer, @Args('key') key: string) {
    return this.vaultService.remove(viewer, key);
  }
}

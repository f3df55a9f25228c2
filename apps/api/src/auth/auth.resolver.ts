import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Account, AccountKind, AccountsService, type Viewer } from '@app/accounts';
import { VendorsService } from '@app/vendors';
import { PageArgs, toConnection } from '../graphql/connection';
import { CurrentViewer, Public } from './auth.decorators';
import { CreateApiTokenInput, LogInInput, SignUpInput } from './auth.inputs';
import { AccountModel, ApiTokenConnection, ApiTokenModel, AuthPayload, CreatedApiToken } from './auth.models';
import { ViewerService } from './viewer.service';

const toAccountModel = (account: Account, viewer: Viewer): AccountModel => ({
  ...account,
  vendorId: viewer.vendorId,
});

@Resolver()
export class AuthResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly vendors: VendorsService,
    private readonly viewers: ViewerService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Create an individual or vendor account and start a session.' })
  async signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    // A vendor account comes with its vendor profile, created with it.
    const account =
      input.kind === AccountKind.VENDOR
        ? (await this.vendors.signUp(input)).account
        : await this.accounts.signUp(input);
    const viewer = await this.viewers.viewerOf(account);
    return { token: this.viewers.issueSession(viewer), account: toAccountModel(account, viewer) };
  }

  @Public()
  @Mutation(() => AuthPayload)
  async logIn(@Args('input') input: LogInInput): Promise<AuthPayload> {
    const account = await this.accounts.logIn(input.email, input.password);
    const viewer = await this.viewers.viewerOf(account);
    return { token: this.viewers.issueSession(viewer), account: toAccountModel(account, viewer) };
  }

  @Query(() => AccountModel)
  async me(@CurrentViewer() viewer: Viewer): Promise<AccountModel> {
    return toAccountModel(await this.accounts.findAccount(viewer.accountId), viewer);
  }

  @Query(() => ApiTokenConnection, { description: 'Your API tokens, newest first, revoked ones included.' })
  async apiTokens(@CurrentViewer() viewer: Viewer, @Args() page: PageArgs) {
    return toConnection(await this.accounts.listApiTokens(viewer, page));
  }

  @Mutation(() => CreatedApiToken, { description: 'A long-lived token for integrations; the secret is shown once.' })
  createApiToken(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateApiTokenInput) {
    return this.accounts.createApiToken(viewer, input.name);
  }

  @Mutation(() => ApiTokenModel)
  revokeApiToken(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.accounts.revokeApiToken(viewer, id);
  }
}

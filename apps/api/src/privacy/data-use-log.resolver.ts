import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type DataUseLogEntry, DataUseLogService } from '@app/disclosure';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import { toConnection } from '../graphql/connection';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { IntentModel } from '../intents/intent.model';
import { VendorModel } from '../vendors/vendor.model';
import { DataUseLogArgs } from './disclosure.inputs';
import { DataUseLogEntryConnection, DataUseLogEntryModel } from './disclosure.models';

@Resolver(() => DataUseLogEntryModel)
export class DataUseLogResolver {
  constructor(private readonly log: DataUseLogService) {}

  @Roles(AccountKind.INDIVIDUAL)
  @Query(() => DataUseLogEntryConnection, {
    description: 'Every vendor read of your personal data (and every refused attempt), newest first.',
  })
  async dataUseLog(@CurrentViewer() viewer: Viewer, @Args() args: DataUseLogArgs) {
    return toConnection(await this.log.list(viewer, args));
  }

  @ResolveField(() => VendorModel)
  vendor(entry: DataUseLogEntry, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.vendor.load(entry.vendorId);
  }

  @ResolveField(() => IntentModel)
  intent(entry: DataUseLogEntry, _args: NoArgs, context: GraphQLContext) {
    return context.loaders.intent.load(entry.intentId);
  }
}

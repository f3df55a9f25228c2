import { Module } from '@nestjs/common';
import { IntentsModule } from '@app/intents';
import { VaultModule } from '@app/vault';
import { DisclosureGrantsService } from './disclosure-grants.service';
import { DisclosureReader } from './disclosure-reader.service';
import { DisclosurePolicyService } from './disclosure-policy.service';
import { DataUseLogService } from './data-use-log.service';
import { ConsentReceiptsService } from './consent-receipts.service';

/** Staged disclosure, privacy terms, the data-use log and consent receipts. */
@Module({
  imports: [IntentsModule, VaultModule],
  providers: [
    DisclosureGrantsService,
    DisclosureReader,
    DisclosurePolicyService,
    DataUseLogService,
    ConsentReceiptsService,
  ],
  exports: [
    DisclosureGrantsService,
    DisclosureReader,
    DisclosurePolicyService,
    DataUseLogService,
    ConsentReceiptsService,
  ],
})
export class DisclosureModule {}

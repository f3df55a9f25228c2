import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { TaxonomyModule } from '@app/taxonomy';
import { PlaybooksModule } from '@app/playbooks';
import { IntentsService } from './intents.service';

/** Intents, their components and lifecycle. */
@Module({
  imports: [AccountsModule, TaxonomyModule, PlaybooksModule],
  providers: [IntentsService],
  exports: [IntentsService],
})
export class IntentsModule {}

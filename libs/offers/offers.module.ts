import { Module } from '@nestjs/common';
import { IntentsModule } from '@app/intents';
import { AccountsModule } from '@app/accounts';
import { DisclosureModule } from '@app/disclosure';
import { OffersService } from './offers.service';

/** Offers, their versions and comparison. */
@Module({
  imports: [IntentsModule, AccountsModule, DisclosureModule],
  providers: [OffersService],
  exports: [OffersService],
})
export class OffersModule {}

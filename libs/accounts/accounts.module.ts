import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { IdempotencyService } from './idempotency.service';

/** Accounts, API tokens and idempotency keys. */
@Module({ providers: [AccountsService, IdempotencyService], exports: [AccountsService, IdempotencyService] })
export class AccountsModule {}

import { Global, Module } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { AwardsService } from '@app/awards/awards.service';
import { IdempotencyService } from '@app/database/idempotency.service';
import { IntentsService } from '@app/intents/intents.service';
import { OffersService } from '@app/offers/offers.service';
import { PlaybooksService } from '@app/playbooks/playbooks.service';
import { SolutionsService } from '@app/solutions/solutions.service';
import { RedisConnection } from '@app/queues/redis-connection';
import { TaxonomyService } from '@app/taxonomy/taxonomy.service';
import { VendorsService } from '@app/vendors/vendors.service';

const SERVICES = [
  AccountsService,
  AwardsService,
  IdempotencyService,
  IntentsService,
  OffersService,
  PlaybooksService,
  SolutionsService,
  RedisConnection,
  TaxonomyService,
  VendorsService,
];

/** The library services the API calls, one instance each. */
@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class DomainModule {}

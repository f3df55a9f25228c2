import { Global, Module } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { AwardsService } from '@app/awards/awards.service';
import { IdempotencyService } from '@app/accounts/idempotency.service';
import { IntentsService } from '@app/intents/intents.service';
import { OffersService } from '@app/offers/offers.service';
import { PlaybooksService } from '@app/playbooks/playbooks.service';
import { SolutionsService } from '@app/solutions/solutions.service';
import { RedisConnection } from '@app/redis/redis-connection';
import { TaxonomyService } from '@app/taxonomy/taxonomy.service';
import { VendorsService } from '@app/vendors/vendors.service';
import { ConsentReceiptsService } from '@app/disclosure/consent-receipts.service';
import { DataExportService } from '@app/data-export/data-export.service';
import { DataUseLogService } from '@app/disclosure/data-use-log.service';
import { DisclosureGrantsService } from '@app/disclosure/disclosure-grants.service';
import { DisclosurePolicyService } from '@app/disclosure/disclosure-policy.service';
import { DisclosureReader } from '@app/disclosure/disclosure-reader.service';
import { ErasureJobs } from '@app/erasure/erasure-jobs';
import { QueueProducer } from '@app/queues/queue-producer';
import { ErasureService } from '@app/erasure/erasure.service';
import { VaultService } from '@app/vault/vault.service';
import { VendorFeedService } from '@app/matching/vendor-feed.service';
import { WebhookDeliveriesService } from '@app/webhooks/webhook-deliveries.service';
import { WebhookDeliveryJobs } from '@app/webhooks/webhook-delivery-jobs';
import { WebhookEndpointsService } from '@app/webhooks/webhook-endpoints.service';
import { WebhookSecretBox } from '@app/webhooks/webhook-secret-box';

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
  // The individual's data.
  VaultService,
  DisclosureGrantsService,
  DisclosurePolicyService,
  DisclosureReader,
  DataUseLogService,
  ConsentReceiptsService,
  DataExportService,
  QueueProducer,
  ErasureJobs,
  ErasureService,
  VendorFeedService,
  // Signed webhooks.
  WebhookSecretBox,
  WebhookEndpointsService,
  WebhookDeliveriesService,
  WebhookDeliveryJobs,
];

/** The library services the API calls, one instance each. */
@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class DomainModule {}

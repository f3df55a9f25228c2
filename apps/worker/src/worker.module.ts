import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { IdempotencyService } from '@app/accounts/idempotency.service';
import { IntentsService } from '@app/intents/intents.service';
import { MatchingService } from '@app/matching/matching.service';
import { MatchTaxonomy } from '@app/matching/match-taxonomy';
import { VendorCandidateSearch } from '@app/matching/vendor-candidate-search';
import { OffersService } from '@app/offers/offers.service';
import { TaxonomyService } from '@app/taxonomy/taxonomy.service';
import { AwardsService } from '@app/awards/awards.service';
import { PlaybooksService } from '@app/playbooks/playbooks.service';
import { SolutionsService } from '@app/solutions/solutions.service';
import { AssembleSolutionsProcessor } from './assembly/assemble-solutions.processor';
import { AssemblySweeper } from './assembly/assembly-sweeper.service';
import { ExpiryProcessor } from './maintenance/expiry.processor';
import { ExpirySchedule } from './maintenance/expiry-schedule.service';
import { OutboxPruner } from './outbox/outbox-pruner.service';
import { MatchIntentProcessor } from './matching/match-intent.processor';
import { MatchingSweeper } from './matching/matching-sweeper.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { QueuesModule } from './queues.module';
import { applyLockOptions } from './worker-options';
import { DisclosureGrantsService } from '@app/disclosure/disclosure-grants.service';
import { ErasureRunner } from '@app/erasure/erasure-runner';
import { RedisConnection } from '@app/redis/redis-connection';
import { NotificationPublisher } from '@app/notifications/notification-publisher';
import { EraseIndividualProcessor } from './erasure/erase-individual.processor';
import { ErasureSweeper } from './erasure/erasure-sweeper.service';
import { WebhookDeliverer } from '@app/webhooks/webhook-deliverer';
import { WebhookFanOut } from '@app/webhooks/webhook-fan-out';
import { WebhookSecretBox } from '@app/webhooks/webhook-secret-box';
import { WebhookSweeper } from './webhooks/webhook-sweeper.service';
import { WebhooksProcessor } from './webhooks/webhooks.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    applyLockOptions(
      [MatchIntentProcessor, AssembleSolutionsProcessor, EraseIndividualProcessor, WebhooksProcessor],
      config,
    );
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => loggerParams(appConfig.LOG_LEVEL, 'intentcast-worker'),
        }),
        DatabaseModule.forRoot(ENTITIES),
        QueuesModule,
      ],
      providers: [
        IdempotencyService,
        IntentsService,
        MatchingService,
        VendorCandidateSearch,
        MatchTaxonomy,
        OffersService,
        TaxonomyService,
        MatchIntentProcessor,
        MatchingSweeper,
        ExpiryProcessor,
        ExpirySchedule,
        AwardsService,
        SolutionsService,
        PlaybooksService,
        AssembleSolutionsProcessor,
        AssemblySweeper,
        OutboxRelayService,
        OutboxPruner,
        NotificationPublisher,
        // The individual's data: award-stage disclosures (AwardsService) and erasure.
        DisclosureGrantsService,
        RedisConnection,
        ErasureRunner,
        EraseIndividualProcessor,
        ErasureSweeper,
        // Signed webhooks: fan-out, delivery with retries, the sweeper for lost jobs.
        WebhookSecretBox,
        WebhookFanOut,
        WebhookDeliverer,
        WebhooksProcessor,
        WebhookSweeper,
      ],
    };
  }
}

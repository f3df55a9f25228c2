import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { AssembleSolutionsProcessor } from './assembly/assemble-solutions.processor';
import { AssemblySweeper } from './assembly/assembly-sweeper.service';
import { ExpiryProcessor } from './maintenance/expiry.processor';
import { ExpirySchedule } from './maintenance/expiry-schedule.service';
import { OutboxPruner } from './outbox/outbox-pruner.service';
import { MatchIntentProcessor } from './matching/match-intent.processor';
import { MatchingSweeper } from './matching/matching-sweeper.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { DisclosureModule } from '@app/disclosure';
import { ErasureModule } from '@app/erasure';
import { IntentsModule } from '@app/intents';
import { MatchingModule } from '@app/matching';
import { NotificationsModule } from '@app/notifications';
import { OffersModule } from '@app/offers';
import { SolutionsModule } from '@app/solutions';
import { QueuesModule } from '@app/queues';
import { JobHandlersCheck } from './job-processor';
import { WorkerQueuesModule } from './queues.module';
import { applyLockOptions } from './worker-options';
import { EraseIndividualProcessor } from './erasure/erase-individual.processor';
import { ErasureSweeper } from './erasure/erasure-sweeper.service';
import { WebhooksModule } from '@app/webhooks';
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
        WorkerQueuesModule,
        DiscoveryModule,
        QueuesModule,
        // The contexts the processors, sweepers and the relay use.
        MatchingModule,
        IntentsModule,
        OffersModule,
        DisclosureModule,
        SolutionsModule,
        ErasureModule,
        WebhooksModule,
        NotificationsModule,
      ],
      providers: [
        JobHandlersCheck,
        MatchIntentProcessor,
        MatchingSweeper,
        ExpiryProcessor,
        ExpirySchedule,
        AssembleSolutionsProcessor,
        AssemblySweeper,
        OutboxRelayService,
        OutboxPruner,
        EraseIndividualProcessor,
        ErasureSweeper,
        // Signed webhooks: fan-out, delivery with retries, the sweeper for lost jobs.
        WebhooksProcessor,
        WebhookSweeper,
      ],
    };
  }
}

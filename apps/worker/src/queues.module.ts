import { BullModule, WorkerHost, getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { logConnectionErrors, QueueName } from '@app/queues';

const QUEUES = Object.values(QueueName).map((name) => ({ name }));

/** Every queue's and worker's errors (Redis unreachable) go to the log, throttled, not to the console. */
@Injectable()
class QueueErrorLogging implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      logConnectionErrors(queue, this.logger, `queue ${name}`);
    }
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof WorkerHost) {
        logConnectionErrors(instance.worker, this.logger, `worker ${instance.worker.name}`);
      }
    }
  }
}

/** BullMQ on the configured Redis, every key under REDIS_PREFIX. */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.REDIS_PREFIX,
        defaultJobOptions: {
          attempts: config.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: config.JOB_BACKOFF_MS },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...QUEUES),
  ],
  providers: [QueueErrorLogging],
  exports: [BullModule],
})
export class WorkerQueuesModule {}

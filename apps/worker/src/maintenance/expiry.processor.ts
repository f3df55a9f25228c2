import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { IntentsService } from '@app/intents/intents.service';
import { OffersService } from '@app/offers/offers.service';
import { JobName, QueueName } from '@app/queues/queues';

@Processor(QueueName.MAINTENANCE)
export class ExpiryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExpiryProcessor.name);

  constructor(
    private readonly intents: IntentsService,
    private readonly offers: OffersService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.MAINTENANCE) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers run: upserting the same scheduler id is idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JobName.EXPIRE_DUE,
      { every: this.config.EXPIRY_INTERVAL_MS },
      { name: JobName.EXPIRE_DUE },
    );
  }

  async process(): Promise<{ intents: number; offers: number }> {
    const intents = await this.intents.expireDue();
    const offers = await this.offers.expireDue();
    if (intents.length || offers.length) this.logger.log(`expired ${intents.length} intents, ${offers.length} offers`);
    return { intents: intents.length, offers: offers.length };
  }
}

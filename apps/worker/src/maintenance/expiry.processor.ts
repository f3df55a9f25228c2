import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IntentsService } from '@app/intents';
import { OffersService } from '@app/offers';
import { QueueName } from '@app/queues';

/** Closes expired intents and offers (scheduled by ExpirySchedule); the closing transactions notify. */
@Processor(QueueName.MAINTENANCE)
export class ExpiryProcessor extends WorkerHost {
  private readonly logger = new Logger(ExpiryProcessor.name);

  constructor(
    private readonly intents: IntentsService,
    private readonly offers: OffersService,
  ) {
    super();
  }

  async process(): Promise<{ intents: number; offers: number }> {
    const intents = await this.intents.expireDue();
    const offers = await this.offers.expireDue();
    if (intents.length || offers.length) this.logger.log(`expired ${intents.length} intents, ${offers.length} offers`);
    return { intents: intents.length, offers: offers.length };
  }
}

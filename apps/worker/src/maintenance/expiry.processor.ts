import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IntentsService } from '@app/intents';
import { OffersService } from '@app/offers';
import { JobName, QueueName } from '@app/queues';
import { type JobHandlers, JobProcessor } from '../job-processor';

/** Closes expired intents and offers (scheduled by ExpirySchedule); the closing transactions notify. */
@Processor(QueueName.MAINTENANCE)
export class ExpiryProcessor extends JobProcessor<JobName.EXPIRE_DUE> {
  private readonly logger = new Logger(ExpiryProcessor.name);

  protected readonly handlers: JobHandlers<JobName.EXPIRE_DUE> = {
    [JobName.EXPIRE_DUE]: () => this.expireDue(),
  };

  constructor(
    private readonly intents: IntentsService,
    private readonly offers: OffersService,
  ) {
    super();
  }

  private async expireDue(): Promise<{ intents: number; offers: number }> {
    const intents = await this.intents.expireDue();
    const offers = await this.offers.expireDue();
    if (intents.length || offers.length) this.logger.log(`expired ${intents.length} intents, ${offers.length} offers`);
    return { intents: intents.length, offers: offers.length };
  }
}

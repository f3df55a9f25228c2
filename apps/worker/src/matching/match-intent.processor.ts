import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MatchingService } from '@app/matching/matching.service';
import { JobName, type JobPayloads, QueueName } from '@app/queues/queues';

@Processor(QueueName.MATCHING, { concurrency: 10 })
export class MatchIntentProcessor extends WorkerHost {
  private readonly logger = new Logger(MatchIntentProcessor.name);

  constructor(private readonly matching: MatchingService) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.MATCH_INTENT]>): Promise<{ matched: number; new: number }> {
    const outcome = await this.matching.matchIntent(job.data.intentId);
    this.logger.debug(`intent ${outcome.intentId}: ${outcome.newVendorIds.length} new matches`);
    return { matched: outcome.candidates.length, new: outcome.newVendorIds.length };
  }
}

import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IntentsService } from '@app/intents';
import { MatchingService } from '@app/matching';
import { JobName, type JobPayloads, QueueName } from '@app/queues';
import { type JobHandlers, JobProcessor } from '../job-processor';

type MatchJob = Job<JobPayloads[JobName.MATCH_INTENT]>;

@Processor(QueueName.MATCHING, { concurrency: 10 })
export class MatchIntentProcessor extends JobProcessor<JobName.MATCH_INTENT> {
  private readonly logger = new Logger(MatchIntentProcessor.name);

  protected readonly handlers: JobHandlers<JobName.MATCH_INTENT> = {
    [JobName.MATCH_INTENT]: ({ intentId }) => this.match(intentId),
  };

  constructor(
    private readonly matching: MatchingService,
    private readonly intents: IntentsService,
  ) {
    super();
  }

  private async match(intentId: string): Promise<{ matched: number; new: number }> {
    const outcome = await this.matching.matchIntent(intentId);
    this.logger.debug(`intent ${outcome.intentId}: ${outcome.newVendorIds.length} new matches`);
    return { matched: outcome.candidates.length, new: outcome.newVendorIds.length };
  }

  /** Out of retries: the intent says so (the job stays in the failed set for operators). */
  @OnWorkerEvent('failed')
  async onFailed(job: MatchJob | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(
      `matching intent ${job.data.intentId} failed after ${job.attemptsMade} attempts: ${error.message}`,
    );
    await this.intents
      .markMatchingFailed(job.data.intentId, `matching failed after ${job.attemptsMade} attempts`)
      .catch((markError: unknown) => this.logger.error(`could not mark intent: ${(markError as Error).message}`));
  }
}

import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, type JobPayloads, QueueName } from '@app/queues';
import { SolutionsService } from '@app/solutions';
import { type JobHandlers, JobProcessor } from '../job-processor';

type AssemblyJob = Job<JobPayloads[JobName.ASSEMBLE_SOLUTIONS]>;

/** Recomputes an intent's best solutions after something they depend on changed (queued by the relay). */
@Processor(QueueName.ASSEMBLY, { concurrency: 4 })
export class AssembleSolutionsProcessor extends JobProcessor<JobName.ASSEMBLE_SOLUTIONS> {
  private readonly logger = new Logger(AssembleSolutionsProcessor.name);

  protected readonly handlers: JobHandlers<JobName.ASSEMBLE_SOLUTIONS> = {
    [JobName.ASSEMBLE_SOLUTIONS]: ({ intentId }) => this.solutions.assembleForIntent(intentId),
  };

  constructor(private readonly solutions: SolutionsService) {
    super();
  }

  /** Out of retries: the intent's assembly shows FAILED rather than pending for ever. */
  @OnWorkerEvent('failed')
  async onFailed(job: AssemblyJob | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(
      `assembly for intent ${job.data.intentId} failed after ${job.attemptsMade} attempts: ${error.message}`,
    );
    await this.solutions
      .markAssemblyFailed(job.data.intentId)
      .catch((markError: unknown) => this.logger.error(`could not mark intent: ${(markError as Error).message}`));
  }
}

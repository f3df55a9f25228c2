import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, type JobPayloads, QueueName } from '@app/queues';
import { SolutionsService } from '@app/solutions';

type AssemblyJob = Job<JobPayloads[JobName.ASSEMBLE_SOLUTIONS]>;

/** Recomputes an intent's best solutions after something they depend on changed (queued by the relay). */
@Processor(QueueName.ASSEMBLY, { concurrency: 4 })
export class AssembleSolutionsProcessor extends WorkerHost {
  private readonly logger = new Logger(AssembleSolutionsProcessor.name);

  constructor(private readonly solutions: SolutionsService) {
    super();
  }

  async process(job: AssemblyJob) {
    return this.solutions.assembleForIntent(job.data.intentId);
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

import { Processor, getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { type ErasureSummary, ErasureRunner } from '@app/erasure';
import { JobName, QueueName } from '@app/queues';
import { type JobHandlers, JobProcessor } from '../job-processor';

/** Erases one individual (see ErasureRunner); retried with backoff until it completes. */
@Processor(QueueName.ERASURE, { concurrency: 2 })
export class EraseIndividualProcessor extends JobProcessor<JobName.ERASE_INDIVIDUAL> {
  protected readonly handlers: JobHandlers<JobName.ERASE_INDIVIDUAL> = {
    [JobName.ERASE_INDIVIDUAL]: ({ erasureId }) => this.erase(erasureId),
  };

  constructor(
    private readonly runner: ErasureRunner,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  /** Erasure also removes the individual's traces from every queue. */
  private erase(erasureId: string): Promise<ErasureSummary> {
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    return this.runner.run(erasureId, queues);
  }
}

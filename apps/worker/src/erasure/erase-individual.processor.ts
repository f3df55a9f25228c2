import { Processor, WorkerHost, getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { type ErasureSummary, ErasureRunner } from '@app/erasure';
import { JobName, type JobPayloads, QueueName } from '@app/queues';

/** Erases one individual (see ErasureRunner); retried with backoff until it completes. */
@Processor(QueueName.ERASURE, { concurrency: 2 })
export class EraseIndividualProcessor extends WorkerHost {
  constructor(
    private readonly runner: ErasureRunner,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.ERASE_INDIVIDUAL]>): Promise<ErasureSummary> {
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    return this.runner.run(job.data.erasureId, queues);
  }
}

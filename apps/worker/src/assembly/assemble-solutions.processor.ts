import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, type JobPayloads, QueueName } from '@app/queues/queues';
import { SolutionsService } from '@app/solutions/solutions.service';

/** Recomputes an intent's best solutions after its offers changed (debounced by the relay). */
@Processor(QueueName.ASSEMBLY, { concurrency: 4 })
export class AssembleSolutionsProcessor extends WorkerHost {
  constructor(private readonly solutions: SolutionsService) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.ASSEMBLE_SOLUTIONS]>) {
    return this.solutions.assembleForIntent(job.data.intentId);
  }
}

import { Injectable } from '@nestjs/common';
import { JobName, Jobs } from '@app/queues';

/** Adds erasure jobs. The erasure_requests row is the durable record; the worker's sweeper re-adds lost jobs. */
@Injectable()
export class ErasureJobs {
  constructor(private readonly jobs: Jobs) {}

  /** Best effort: false when Redis did not answer in time (the sweeper will add it later). */
  enqueue(erasureId: string): Promise<boolean> {
    return this.jobs.tryAdd(JobName.ERASE_INDIVIDUAL, { erasureId }, `erasure ${erasureId}`);
  }
}

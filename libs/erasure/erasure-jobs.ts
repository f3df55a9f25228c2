import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { QueueProducer, JobName, type JobPayloads, QueueName, jobId } from '@app/queues';

/** The erasure job is removed once done: nothing about it stays in Redis. */
export const ERASURE_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Adds erasure jobs. The erasure_requests row is the durable record; the worker's sweeper re-adds lost jobs. */
@Injectable()
export class ErasureJobs {
  constructor(private readonly producer: QueueProducer) {}

  /** Best effort: false when Redis did not answer in time (the sweeper will add it later). */
  enqueue(erasureId: string): Promise<boolean> {
    const data: JobPayloads[JobName.ERASE_INDIVIDUAL] = { erasureId };
    return this.producer.tryAdd(QueueName.ERASURE, `erasure ${erasureId}`, (queue) =>
      queue.add(JobName.ERASE_INDIVIDUAL, data, { ...ERASURE_JOB_OPTIONS, jobId: jobId.eraseIndividual(erasureId) }),
    );
  }
}

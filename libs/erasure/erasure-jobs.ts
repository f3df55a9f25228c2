import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { JobName, type JobPayloads, QueueName, jobId } from '@app/queues/queues';

/** The erasure job is removed once done: nothing about it stays in Redis. */
export const ERASURE_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3600 },
};

const ENQUEUE_TIMEOUT_MS = 5000;

/** Adds erasure jobs. The erasure_requests row is the durable record; the worker's sweeper re-adds lost jobs. */
@Injectable()
export class ErasureJobs implements OnModuleDestroy {
  private readonly logger = new Logger(ErasureJobs.name);
  private queue: Queue | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Best effort: false when Redis did not answer in time (the sweeper will add it later). */
  async enqueue(erasureId: string): Promise<boolean> {
    const data: JobPayloads[JobName.ERASE_INDIVIDUAL] = { erasureId };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.erasureQueue().add(JobName.ERASE_INDIVIDUAL, data, {
          ...ERASURE_JOB_OPTIONS,
          jobId: jobId.eraseIndividual(erasureId),
        }),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)),
            ENQUEUE_TIMEOUT_MS,
          );
        }),
      ]);
      return true;
    } catch (error) {
      this.logger.warn(`erasure ${erasureId} not queued yet (${(error as Error).message}); the worker sweeper will`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
  }

  private erasureQueue(): Queue {
    this.queue ??= new Queue(QueueName.ERASURE, {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.REDIS_PREFIX,
    });
    return this.queue;
  }
}

import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobName, type JobPayloads, queueOf } from '@app/queues';

/** What handles one job: its payload (typed by the job's name), the BullMQ job, and its lock token. */
export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  job: Job<JobPayloads[N], unknown, N>,
  token?: string,
) => Promise<unknown>;

/** A handler for each job name of `N` (a union of the names one processor takes). */
export type JobHandlers<N extends JobName> = { [K in N]: JobHandler<K> };

/**
 * A processor of some jobs of one queue: its `handlers` name, for each job name it takes, the
 * function that runs it; the payload reaches it typed. The one place a job's data is read as its
 * payload type is here, after the name chose the handler.
 */
export abstract class JobProcessor<N extends JobName> extends WorkerHost {
  protected abstract readonly handlers: JobHandlers<N>;

  /** The job names this processor takes (for the start-up check). */
  handledJobs(): JobName[] {
    return Object.keys(this.handlers) as JobName[];
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = (this.handlers as Partial<Record<JobName, JobHandler<JobName>>>)[job.name as JobName];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue "${job.queueName}"`);
    return handler(job.data as JobPayloads[JobName], job as Job<JobPayloads[JobName], unknown, JobName>, token);
  }
}

/**
 * At start-up, every job name has a handler on a processor of its queue: a job added with no one to
 * run it would sit queued for ever (or fail, after its attempts, with a message no one reads).
 */
@Injectable()
export class JobHandlersCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const handled = new Set<JobName>();
    for (const { instance } of this.discovery.getProviders()) {
      if (!(instance instanceof JobProcessor)) continue;
      for (const name of instance.handledJobs()) {
        if (queueOf(name) !== instance.worker.name) {
          throw new Error(`${instance.constructor.name} handles "${name}", a job of queue "${queueOf(name)}"`);
        }
        handled.add(name);
      }
    }
    const missing = Object.values(JobName).filter((name) => !handled.has(name));
    if (missing.length > 0) throw new Error(`jobs without a handler in this worker: ${missing.join(', ')}`);
  }
}

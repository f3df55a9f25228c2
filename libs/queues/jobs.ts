import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { logConnectionErrors } from './connection-errors';
import { JobName, type JobPayloads, QueueName } from './queues';

/** Rejects when the promise has not settled within `ms` (Redis down: ioredis would wait for ever). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How long an add may wait for Redis before it counts as failed. */
const REDIS_TIMEOUT_MS = 5000;

/** Changes to an intent's assembly inputs within this window are assembled once, after the last one. */
export const ASSEMBLY_DEBOUNCE_MS = 500;

/** Deterministic job ids: a resent job with the same id is deduplicated by BullMQ. */
export const jobId = {
  /** Round 0 (the intent opened) keeps the id it always had; each later round has its own. */
  matchIntent: (intentId: string, round = 0) =>
    round > 0 ? `match-intent.${intentId}.${round}` : `match-intent.${intentId}`,
  eraseIndividual: (erasureId: string) => `erase-individual.${erasureId}`,
  fanOutWebhooks: (notificationId: string) => `fan-out-webhooks.${notificationId}`,
  deliverWebhook: (deliveryId: string) => `deliver-webhook.${deliveryId}`,
  /** A deduplication key (not a job id): changes in quick succession fold into one assembly. */
  assembleSolutions: (intentId: string) => `assemble-solutions.${intentId}`,
};

/**
 * How each job is queued: its queue, and its options from its payload. Ids are deterministic (a
 * resent job with the same id is deduplicated by BullMQ), so a retried or duplicated add does no
 * harm. Renaming a job or a queue strands the jobs already queued under the old name.
 */
export interface JobSpec<N extends JobName> {
  queue: QueueName;
  options: (payload: JobPayloads[N]) => JobsOptions;
  /** Assembly folds requests by a deduplication key instead of an id (see its options). */
  deduplicated?: boolean;
}

export const JOB_SPECS: { [N in JobName]: JobSpec<N> } = {
  [JobName.MATCH_INTENT]: {
    queue: QueueName.MATCHING,
    options: ({ intentId, round }) => ({ jobId: jobId.matchIntent(intentId, round) }),
  },
  [JobName.EXPIRE_DUE]: { queue: QueueName.MAINTENANCE, options: () => ({ jobId: JobName.EXPIRE_DUE }) },
  [JobName.ASSEMBLE_SOLUTIONS]: {
    queue: QueueName.ASSEMBLY,
    deduplicated: true,
    // Debounced: a waiting job is replaced and pushed back by each new request. A request that
    // arrives while the intent's job runs (it may have read the inputs already) queues one more run
    // after it, never a second one alongside: dropping it would leave stale solutions as current.
    options: ({ intentId }) => ({
      delay: ASSEMBLY_DEBOUNCE_MS,
      deduplication: { id: jobId.assembleSolutions(intentId), replace: true, keepLastIfActive: true },
    }),
  },
  [JobName.ERASE_INDIVIDUAL]: {
    queue: QueueName.ERASURE,
    // Removed once done: nothing about the erasure stays in Redis.
    options: ({ erasureId }) => ({
      jobId: jobId.eraseIndividual(erasureId),
      attempts: 12,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: { age: 30 * 24 * 3600 },
    }),
  },
  [JobName.FAN_OUT_WEBHOOKS]: {
    queue: QueueName.WEBHOOKS,
    options: (notification) => ({ jobId: jobId.fanOutWebhooks(notification.id) }),
  },
  [JobName.DELIVER_WEBHOOK]: {
    queue: QueueName.WEBHOOKS,
    // The job runs the delivery's attempts, waiting in BullMQ's delayed state between them (the
    // schedule is the delivery row's); BullMQ's own attempts only cover the worker failing to run it.
    options: ({ deliveryId }) => ({
      jobId: jobId.deliverWebhook(deliveryId),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    }),
  },
};

/** The queue a job goes to. */
export const queueOf = (name: JobName): QueueName => JOB_SPECS[name].queue;

/**
 * The one way jobs are added, in the API and in the worker: typed by job name (the payload is the
 * job's), with the job's deterministic id and options. Queues are created on first use.
 */
@Injectable()
export class Jobs implements OnModuleDestroy {
  private readonly logger = new Logger(Jobs.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  /** Adds the jobs; rejects when Redis does not answer in time. */
  async add<N extends JobName>(name: N, ...payloads: Array<JobPayloads[N]>): Promise<void> {
    if (payloads.length === 0) return;
    const spec: JobSpec<N> = JOB_SPECS[name];
    const jobs = payloads.map((data) => ({ name, data, opts: spec.options(data) }));
    await withTimeout(this.queue(spec.queue).addBulk(jobs), REDIS_TIMEOUT_MS);
  }

  /**
   * Best effort: false (logged) when Redis did not answer in time. For jobs whose durable record is
   * in PostgreSQL, which a worker sweeper queues again.
   */
  async tryAdd<N extends JobName>(name: N, payload: JobPayloads[N], what: string): Promise<boolean> {
    try {
      await this.add(name, payload);
      return true;
    } catch (error) {
      this.logger.warn(`${what} not queued yet (${(error as Error).message}); the worker's sweeper will`);
      return false;
    }
  }

  /**
   * Makes sure the job will run, for sweepers: a failed one (out of attempts) is retried, a finished
   * one replaced, a missing one added; one waiting, delayed or running is left. Whether it queued.
   */
  async ensureQueued<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<boolean> {
    const spec: JobSpec<N> = JOB_SPECS[name];
    const queue = this.queue(spec.queue);
    const options = spec.options(payload);
    if (spec.deduplicated) {
      if (await withTimeout(queue.getDeduplicationJobId(options.deduplication!.id), REDIS_TIMEOUT_MS)) return false;
      await this.add(name, payload);
      return true;
    }
    const existing = await withTimeout(queue.getJob(options.jobId!), REDIS_TIMEOUT_MS);
    const state = existing ? await existing.getState() : 'missing';
    if (state === 'failed') {
      await existing!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    }
    if (state === 'completed') await existing!.remove();
    if (state === 'completed' || state === 'missing' || state === 'unknown') {
      await this.add(name, payload);
      return true;
    }
    return false;
  }

  /** Removes the jobs that are not running; how many were removed. */
  async remove<N extends JobName>(name: N, payloads: ReadonlyArray<JobPayloads[N]>): Promise<number> {
    const spec: JobSpec<N> = JOB_SPECS[name];
    const queue = this.queue(spec.queue);
    let removed = 0;
    for (let start = 0; start < payloads.length; start += 100) {
      const batch = payloads.slice(start, start + 100);
      const results = await withTimeout(
        Promise.all(batch.map((payload) => queue.remove(spec.options(payload).jobId!))),
        REDIS_TIMEOUT_MS,
      );
      removed += results.reduce((sum, result) => sum + result, 0);
    }
    return removed;
  }

  /** Keeps a repeatable job scheduled every `everyMs`; whether it had to be (re)created. */
  async scheduleEvery(name: JobName.EXPIRE_DUE, everyMs: number): Promise<boolean> {
    const queue = this.queue(queueOf(name));
    const existing = await withTimeout(queue.getJobScheduler(name), REDIS_TIMEOUT_MS);
    if (existing?.every === everyMs) return false;
    await withTimeout(queue.upsertJobScheduler(name, { every: everyMs }, { name }), REDIS_TIMEOUT_MS);
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: {
          attempts: this.config.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      });
      logConnectionErrors(queue, this.logger, `queue ${name}`);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { logConnectionErrors } from './connection-errors';
import type { QueueName } from './queues';

/** Rejects when the promise has not settled within `ms` (Redis down: ioredis would wait for ever). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * Queues for processes that only add jobs (the API), created on first use. Adds are best effort:
 * each such job has a durable record in PostgreSQL that a worker sweeper queues again if Redis
 * was not there.
 */
@Injectable()
export class QueueProducer implements OnModuleDestroy {
  private readonly logger = new Logger(QueueProducer.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  /** Runs `add` on the queue; false (logged) when Redis did not answer in time. */
  async tryAdd(name: QueueName, what: string, add: (queue: Queue) => Promise<unknown>): Promise<boolean> {
    try {
      await withTimeout(add(this.queue(name)), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn(`${what} not queued yet (${(error as Error).message}); the worker's sweeper will`);
      return false;
    }
  }

  /** Runs `operation` on the queue, best effort; false (logged) when Redis did not answer in time. */
  async tryRun(name: QueueName, what: string, operation: (queue: Queue) => Promise<unknown>): Promise<boolean> {
    try {
      await withTimeout(operation(this.queue(name)), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn(`${what} failed (${(error as Error).message})`);
      return false;
    }
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
      });
      logConnectionErrors(queue, this.logger, `queue ${name}`);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

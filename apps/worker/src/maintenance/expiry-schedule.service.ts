import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { JobName, QueueName } from '@app/queues';
import { PeriodicSweep } from '../periodic-sweep';

/**
 * Keeps the repeatable expiry job scheduled: at start-up, and again on every sweep, since a Redis
 * that restarted without persistence forgets it. One schedule however many workers run: upserting
 * the same scheduler id is idempotent.
 */
@Injectable()
export class ExpirySchedule extends PeriodicSweep {
  protected readonly intervalMs: number;
  protected override readonly sweepOnStart = true;

  constructor(
    private readonly config: AppConfig,
    @InjectQueue(QueueName.MAINTENANCE) private readonly queue: Queue,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
  }

  private scheduledOnce = false;

  /** Schedules it if missing; counts a re-creation after start-up (Redis lost it) as work done again. */
  async sweep(): Promise<number> {
    const existing = await this.queue.getJobScheduler(JobName.EXPIRE_DUE);
    if (existing?.every === this.config.EXPIRY_INTERVAL_MS) return 0;
    await this.queue.upsertJobScheduler(
      JobName.EXPIRE_DUE,
      { every: this.config.EXPIRY_INTERVAL_MS },
      { name: JobName.EXPIRE_DUE },
    );
    const restored = this.scheduledOnce ? 1 : 0;
    this.scheduledOnce = true;
    return restored;
  }
}

import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobName, Jobs } from '@app/queues';
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
    private readonly jobs: Jobs,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
  }

  private scheduledOnce = false;

  /** Schedules it if missing; counts a re-creation after start-up (Redis lost it) as work done again. */
  async sweep(): Promise<number> {
    if (!(await this.jobs.scheduleEvery(JobName.EXPIRE_DUE, this.config.EXPIRY_INTERVAL_MS))) return 0;
    const restored = this.scheduledOnce ? 1 : 0;
    this.scheduledOnce = true;
    return restored;
  }
}

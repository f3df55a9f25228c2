import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { JobName, Jobs } from '@app/queues';
import { overdueDeliveries } from '@app/webhooks';
import { PeriodicSweep } from '../periodic-sweep';

/** A pending delivery this far past its next attempt has lost its job (or the job ran out of attempts). */
const GRACE_SECONDS = 120;

/**
 * The webhook_deliveries table is the durable record: a pending delivery whose job was lost (Redis
 * data loss, an API that could not reach Redis) or failed on infrastructure errors is queued again,
 * so nothing stays silently pending.
 */
@Injectable()
export class WebhookSweeper extends PeriodicSweep {
  protected readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
    private readonly jobs: Jobs,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
  }

  /** Re-queues overdue pending deliveries; returns how many were queued. */
  async sweep(graceSeconds = GRACE_SECONDS): Promise<number> {
    let queued = 0;
    for (const id of await overdueDeliveries(this.dataSource, graceSeconds)) {
      if (await this.jobs.ensureQueued(JobName.DELIVER_WEBHOOK, { deliveryId: id })) queued += 1;
    }
    return queued;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { JobName, Jobs } from '@app/queues';
import { queryRows } from '@app/database';

/** Pending deliveries overdue by more than `graceSeconds` (their job was lost or ran out of attempts). */
export async function overdueDeliveries(dataSource: DataSource, graceSeconds: number, limit = 200): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    dataSource,
    `SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1)
      ORDER BY next_attempt_at LIMIT $2`,
    [graceSeconds, limit],
  );
  return rows.map((row) => row.id);
}

/** The API's handle on delivery jobs (redelivery, disabling); the worker's sweeper catches what Redis missed. */
@Injectable()
export class WebhookDeliveryJobs {
  private readonly logger = new Logger(WebhookDeliveryJobs.name);

  constructor(private readonly jobs: Jobs) {}

  /**
   * Makes sure the delivery's job will run (Jobs.ensureQueued). Best effort: false when Redis did
   * not answer in time (the worker's sweeper will queue it).
   */
  async requeue(deliveryId: string): Promise<boolean> {
    try {
      await this.jobs.ensureQueued(JobName.DELIVER_WEBHOOK, { deliveryId });
      return true;
    } catch (error) {
      this.logger.warn(
        `delivery ${deliveryId} not queued yet (${(error as Error).message}); the worker's sweeper will`,
      );
      return false;
    }
  }

  /**
   * Removes the jobs of deliveries that are finished (failed because their endpoint was disabled),
   * so they do not sit delayed until their next attempt. One that is running, or that Redis did not
   * answer for, stays: the deliverer skips a delivery that is not pending. Best effort.
   */
  async remove(deliveryIds: readonly string[]): Promise<boolean> {
    try {
      await this.jobs.remove(
        JobName.DELIVER_WEBHOOK,
        deliveryIds.map((deliveryId) => ({ deliveryId })),
      );
      return true;
    } catch (error) {
      this.logger.warn(`removing ${deliveryIds.length} delivery jobs failed (${(error as Error).message})`);
      return false;
    }
  }
}

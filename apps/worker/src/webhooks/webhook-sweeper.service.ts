import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/queues/queues';
import { overdueDeliveries, requeueDelivery } from '@app/webhooks/webhook-delivery-jobs';

const SWEEP_INTERVAL_MS = 30_000;
/** A pending delivery this far past its next attempt has lost its job (or the job ran out of attempts). */
const GRACE_SECONDS = 120;

/**
 * The webhook_deliveries table is the durable record: a pending delivery whose job was lost (Redis
 * data loss, an API that could not reach Redis) or failed on infrastructure errors is queued again,
 * so nothing stays silently pending.
 */
@Injectable()
export class WebhookSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.WEBHOOKS) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private wake(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .then((queued) => {
        if (queued > 0) this.logger.warn(`re-queued ${queued} overdue webhook deliveries`);
      })
      .catch((error: unknown) => this.logger.warn(`webhook sweep failed: ${(error as Error).message}`))
      .finally(() => {
        this.sweeping = null;
      });
  }

  /** Re-queues overdue pending deliveries; returns how many were queued. */
  async sweep(graceSeconds = GRACE_SECONDS): Promise<number> {
    let queued = 0;
    for (const id of await overdueDeliveries(this.dataSource, graceSeconds)) {
      if (await requeueDelivery(this.queue, id)) queued += 1;
    }
    return queued;
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/database/query-rows';
import { ERASURE_JOB_OPTIONS } from '@app/erasure/erasure-jobs';
import { JobName, QueueName, jobId } from '@app/queues/queues';

const SWEEP_INTERVAL_MS = 15_000;
/** Requests younger than this are left to the API's own enqueue. */
const GRACE_SECONDS = 10;

/**
 * The erasure_requests table is the durable queue: requests the API could not enqueue (Redis down)
 * or whose job ran out of attempts are (re-)queued here, with the same deterministic job id.
 */
@Injectable()
export class ErasureSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ErasureSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.ERASURE) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), SWEEP_INTERVAL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private wake(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`erasure sweep failed: ${(error as Error).message}`))
      .finally(() => {
        this.sweeping = null;
      });
  }

  async sweep(): Promise<number> {
    const unfinished = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM erasure_requests
        WHERE status <> 'completed' AND requested_at < now() - make_interval(secs => $1)
        ORDER BY requested_at LIMIT 100`,
      [GRACE_SECONDS],
    );
    let queued = 0;
    for (const { id } of unfinished) {
      const existing = await this.queue.getJob(jobId.eraseIndividual(id));
      if (existing && (await existing.isFailed())) {
        await existing.retry();
        queued += 1;
      } else if (!existing) {
        await this.queue.add(
          JobName.ERASE_INDIVIDUAL,
          { erasureId: id },
          { ...ERASURE_JOB_OPTIONS, jobId: jobId.eraseIndividual(id) },
        );
        queued += 1;
      }
    }
    return queued;
  }
}

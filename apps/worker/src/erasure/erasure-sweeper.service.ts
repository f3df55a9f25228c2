import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { JobName, Jobs } from '@app/queues';
import { PeriodicSweep } from '../periodic-sweep';

/** Requests younger than this are left to the API's own enqueue. */
const GRACE_SECONDS = 10;

/**
 * The erasure_requests table is the durable queue: requests the API could not enqueue (Redis down)
 * or whose job ran out of attempts are (re-)queued here, with the same deterministic job id.
 */
@Injectable()
export class ErasureSweeper extends PeriodicSweep {
  protected readonly intervalMs: number;
  protected override readonly sweepOnStart = true;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
    private readonly jobs: Jobs,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
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
      if (await this.jobs.ensureQueued(JobName.ERASE_INDIVIDUAL, { erasureId: id })) queued += 1;
    }
    return queued;
  }
}

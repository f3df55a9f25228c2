import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { OutboxTopic } from '@app/outbox';
import { JobName, Jobs } from '@app/queues';
import { PeriodicSweep } from '../periodic-sweep';

/**
 * Open intents whose assembly was requested a while ago and is still pending, with no outbox row
 * waiting and no job queued under their deduplication key, lost their job (Redis restarted without
 * persistence, say): they are queued again. Until then acceptSolution refuses their stale solutions.
 */
@Injectable()
export class AssemblySweeper extends PeriodicSweep {
  protected readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: Jobs,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
  }

  async sweep(): Promise<number> {
    const stuck = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT i.id FROM intents i
        WHERE i.status = 'open' AND i.assembly_requested_version > i.assembly_computed_version
          AND i.assembly_requested_at < now() - make_interval(secs => $1::float8 / 1000)
          AND NOT EXISTS (
            SELECT 1 FROM outbox_events e
             WHERE e.dispatched_at IS NULL AND e.topic = $2 AND e.payload->>'intentId' = i.id::text)
        ORDER BY i.assembly_requested_at LIMIT 500`,
      [this.config.SWEEP_INTERVAL_MS, OutboxTopic.ASSEMBLY_REQUESTED],
    );
    let queued = 0;
    for (const { id } of stuck) {
      if (await this.jobs.ensureQueued(JobName.ASSEMBLE_SOLUTIONS, { intentId: id })) queued += 1;
    }
    return queued;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { MatchingState } from '@app/intents';
import { JobName, Jobs } from '@app/queues';
import { PeriodicSweep } from '../periodic-sweep';

/**
 * Open intents still pending well after their outbox row was dispatched lost their match job (Redis
 * restarted without persistence, say): they are queued again with the same job id (that of their
 * matching round), so one that is merely slow is not queued twice.
 */
@Injectable()
export class MatchingSweeper extends PeriodicSweep {
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
    const stuck = await queryRows<{ id: string; round: number }>(
      this.dataSource,
      `SELECT i.id, coalesce((i.matching_outcome->>'round')::int, 0) AS round FROM intents i
        WHERE i.status = 'open' AND i.matching_outcome->>'state' = $1
          AND (i.matching_outcome->>'at')::timestamptz < now() - make_interval(secs => $2::float8 / 1000)
          AND NOT EXISTS (
            SELECT 1 FROM outbox_events e
             WHERE e.dispatched_at IS NULL AND e.topic = 'intent.opened' AND e.payload->>'intentId' = i.id::text)
        ORDER BY i.matching_outcome->>'at' LIMIT 500`,
      [MatchingState.PENDING, this.config.SWEEP_INTERVAL_MS],
    );
    let queued = 0;
    for (const { id, round } of stuck) {
      if (await this.jobs.ensureQueued(JobName.MATCH_INTENT, { intentId: id, round })) queued += 1;
    }
    return queued;
  }
}

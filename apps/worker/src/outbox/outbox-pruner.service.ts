import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { PeriodicSweep } from '../periodic-sweep';

/** Rows per DELETE: short statements, so the relay's inserts and updates never wait long. */
const PRUNE_BATCH = 5000;

/**
 * The outbox only has to hold an event until the relay handed it on: dispatched rows older than
 * OUTBOX_RETENTION_HOURS (kept that long to look into what was sent) are deleted, so the table
 * stays the size of a day's traffic instead of growing for ever.
 */
@Injectable()
export class OutboxPruner extends PeriodicSweep {
  protected readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super();
    this.intervalMs = config.SWEEP_INTERVAL_MS;
  }

  /** Deletes what is due; queues nothing. */
  async sweep(): Promise<number> {
    await this.prune();
    return 0;
  }

  /** Returns how many rows it deleted. */
  async prune(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM outbox_events WHERE id IN (
           SELECT id FROM outbox_events
            WHERE dispatched_at < now() - make_interval(hours => $1) LIMIT $2)`,
        [this.config.OUTBOX_RETENTION_HOURS, PRUNE_BATCH],
      )) as [unknown, number];
      deleted += count;
      if (count < PRUNE_BATCH) return deleted;
    }
  }
}

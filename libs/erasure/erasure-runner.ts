import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { RedisConnection } from '@app/redis';
import { ErasureRequest, ErasureStatus, type ErasureSummary } from './erasure-request.entity';
import { runErasureSteps } from './erasure-steps';
import { removeRedisTraces } from './redis-traces';
import { publishSessionRevoked } from './session-revocation';

/** Running jobs still name the individual: the erasure job fails this attempt and BullMQ retries it later. */
export class ErasureWaitingForJobsError extends Error {
  constructor(count: number) {
    super(`${count} running job(s) still name the individual; retrying once they finish`);
    this.name = 'ErasureWaitingForJobsError';
  }
}

/**
 * Carries out one erasure in resumable phases, so a retry picks up where the last attempt stopped:
 *   pending  → scrub the database in one transaction (vault key destroyed, text anonymised, …) → scrubbed
 *   scrubbed → remove queued jobs and Redis entries naming the individual, then unlink the request
 *              from the account → completed (the receipt now names no one).
 */
@Injectable()
export class ErasureRunner {
  private readonly logger = new Logger(ErasureRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  async run(erasureId: string, queues: readonly Queue[]): Promise<ErasureSummary> {
    const repository = this.dataSource.getRepository(ErasureRequest);
    let request = await repository.findOne({ where: { id: erasureId } });
    if (!request) {
      this.logger.warn(`erasure ${erasureId} does not exist; nothing to do`);
      return {};
    }
    if (request.status === ErasureStatus.COMPLETED) return request.summary;
    const accountId = request.accountId;
    if (!accountId) throw new Error(`erasure ${erasureId} lost its account before completing`);

    if (request.status === ErasureStatus.PENDING) {
      await this.dataSource.transaction(async (manager) => {
        const locked = await manager.findOne(ErasureRequest, {
          where: { id: erasureId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!locked || locked.status !== ErasureStatus.PENDING) return;
        const intentIds = await this.intentIds(accountId);
        const summary = await runErasureSteps(manager, { accountId, intentIds });
        await manager.update(ErasureRequest, { id: erasureId }, { status: ErasureStatus.SCRUBBED, summary });
      });
      request = await repository.findOneOrFail({ where: { id: erasureId } });
    }

    const ids = await this.namedIds(accountId);
    const traces = await removeRedisTraces(this.redis.client, this.config.REDIS_PREFIX, queues, ids);
    if (traces.activeJobs > 0) throw new ErasureWaitingForJobsError(traces.activeJobs);
    const summary: ErasureSummary = {
      ...request.summary,
      queuedJobsRemoved: (request.summary.queuedJobsRemoved ?? 0) + traces.jobsRemoved,
      redisKeysRemoved: (request.summary.redisKeysRemoved ?? 0) + traces.keysRemoved + traces.eventsRemoved,
    };
    await repository.update(
      { id: erasureId, status: ErasureStatus.SCRUBBED },
      { status: ErasureStatus.COMPLETED, completedAt: new Date(), accountId: null, summary },
    );
    await publishSessionRevoked(this.redis.client, this.config.REDIS_PREFIX, accountId);
    return summary;
  }

  private async intentIds(accountId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(this.dataSource, `SELECT id FROM intents WHERE owner_id = $1`, [
      accountId,
    ]);
    return rows.map((row) => row.id);
  }

  /** Ids that name the individual in Redis: the account, its intents, and offers and engagements on them. */
  private async namedIds(accountId: string): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT $1::uuid AS id
       UNION SELECT id FROM intents WHERE owner_id = $1
       UNION SELECT o.id FROM offers o JOIN intents i ON i.id = o.intent_id WHERE i.owner_id = $1
       UNION SELECT id FROM engagements WHERE individual_id = $1`,
      [accountId],
    );
    return new Set(rows.map((row) => row.id.toLowerCase()));
  }
}

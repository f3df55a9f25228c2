import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { conflict } from '@app/common';
import { IdempotencyRecord } from './idempotency-record.entity';

const UNIQUE_VIOLATION = '23505';

function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `create` in a transaction and remembers the id it returns under the client's key.
   * The same key again returns that id without running `create`; the same key with a
   * different request is a CONFLICT. Without a key, `create` simply runs in a transaction.
   */
  async run(
    accountId: string,
    scope: string,
    key: string | null | undefined,
    request: unknown,
    create: (manager: EntityManager) => Promise<string>,
  ): Promise<{ id: string; replayed: boolean }> {
    if (!key) return { id: await this.dataSource.transaction(create), replayed: false };
    const requestHash = createHash('sha256').update(stableStringify(request)).digest('hex');
    const replay = await this.replay(accountId, scope, key, requestHash);
    if (replay) return { id: replay, replayed: true };
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const resourceId = await create(manager);
        await manager.insert(IdempotencyRecord, { accountId, scope, key, requestHash, resourceId });
        return resourceId;
      });
      return { id, replayed: false };
    } catch (error) {
      // A concurrent request with the same key committed first: answer with its result.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        const winner = await this.replay(accountId, scope, key, requestHash);
        if (winner) return { id: winner, replayed: true };
      }
      throw error;
    }
  }

  private async replay(accountId: string, scope: string, key: string, requestHash: string): Promise<string | null> {
    const record = await this.dataSource.getRepository(IdempotencyRecord).findOne({ where: { accountId, scope, key } });
    if (!record) return null;
    if (record.requestHash !== requestHash) {
      throw conflict('This idempotency key was already used for a different request');
    }
    return record.resourceId;
  }
}

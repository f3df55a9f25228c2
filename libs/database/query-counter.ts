import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM logger that counts every statement sent to PostgreSQL (tests use the
 * count to prove DataLoader batching) and reports failed and slow queries.
 */
export class CountingQueryLogger implements TypeOrmLogger {
  private static count = 0;
  private readonly logger = new NestLogger('SQL');

  static get statements(): number {
    return CountingQueryLogger.count;
  }

  logQuery(): void {
    CountingQueryLogger.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`query failed: ${error instanceof Error ? error.message : error} — ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

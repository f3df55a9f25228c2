import type { DataSource, Logger, QueryRunner } from 'typeorm';

export interface StatementCounter {
  /** Statements the DataSource has sent to PostgreSQL since counting started. */
  readonly statements: number;
  /** Puts the DataSource's own logger back. */
  stop(): void;
}

/**
 * Counts the statements one DataSource sends (tests prove DataLoader batching with it, benches
 * report SQL per request), by wrapping its logger for as long as it counts; apps never call it.
 */
export function countStatements(dataSource: DataSource): StatementCounter {
  const logger = dataSource.logger;
  let statements = 0;
  const counting: Logger = {
    logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner) {
      statements += 1;
      logger.logQuery(query, parameters, queryRunner);
    },
    logQueryError: (...args) => logger.logQueryError(...args),
    logQuerySlow: (...args) => logger.logQuerySlow(...args),
    logSchemaBuild: (...args) => logger.logSchemaBuild(...args),
    logMigration: (...args) => logger.logMigration(...args),
    log: (...args) => logger.log(...args),
  };
  dataSource.logger = counting;
  return {
    get statements() {
      return statements;
    },
    stop() {
      if (dataSource.logger === counting) dataSource.logger = logger;
    },
  };
}

/** The statements one DataSource sends while `work` runs, and what it returned. */
export async function statementsDuring<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const counter = countStatements(dataSource);
  try {
    const result = await work();
    return { result, statements: counter.statements };
  } finally {
    counter.stop();
  }
}

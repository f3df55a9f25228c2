export * from './database.module';
export * from './idempotency.service';
export * from './query-counter';

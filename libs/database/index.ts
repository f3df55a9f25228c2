export * from './database.module';
export * from './query-counter';

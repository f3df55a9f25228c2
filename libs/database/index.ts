// The public face of libs/database: what other contexts and the apps may import (as @app/database).
export * from './data-source-options';
export * from './database.module';
export * from './keyset-page';
export * from './plain-entities';
export * from './query-logger';
export * from './statement-counter';
export * from './query-rows';

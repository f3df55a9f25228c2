// The public face of libs/queues: what other contexts and the apps may import (as @app/queues).
export * from './connection-errors';
export * from './jobs';
export * from './queues';
export * from './queues.module';

// The public face of libs/accounts: what other contexts and the apps may import (as @app/accounts).
export * from './account.entity';
export * from './accounts.module';
export * from './accounts.service';
export * from './api-token.entity';
export * from './idempotency-record.entity';
export * from './idempotency.service';
export * from './viewer';

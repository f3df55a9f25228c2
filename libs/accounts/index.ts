export * from './account.entity';
export * from './api-token.entity';
export * from './accounts.service';
export * from './accounts.module';

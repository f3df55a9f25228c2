import { CreateMarketplaceTables1795375192725 } from './1795375192725-CreateMarketplaceTables';

/** Every migration in order. A new generated migration is added here. */
export const MIGRATIONS: Function[] = [CreateMarketplaceTables1795375192725];

import { CreateMarketplaceTables1795375192725 } from './1795375192725-CreateMarketplaceTables';
import { AddOutboxAndVendorSearch1795375782192 } from './1795375782192-AddOutboxAndVendorSearch';

/** Every migration in order. A new generated migration is added here. */
export const MIGRATIONS: Function[] = [CreateMarketplaceTables1795375192725, AddOutboxAndVendorSearch1795375782192];

import { CreateMarketplaceTables1795375192725 } from './1795375192725-CreateMarketplaceTables';
import { AddOutboxAndVendorSearch1795375782192 } from './1795375782192-AddOutboxAndVendorSearch';
import { SeedCategoryTaxonomyV11795376000000 } from './1795376000000-SeedCategoryTaxonomyV1';
import { AddPlaybooksAndSolutions1795376874820 } from './1795376874820-AddPlaybooksAndSolutions';
import { AddPersonalDataVaultDisclosureAndErasure1795378323190 } from './1795378323190-AddPersonalDataVaultDisclosureAndErasure';
import { AddVendorMatchIndex1795380000000 } from './1795380000000-AddVendorMatchIndex';
import { AddWebhookEndpointsAndDeliveries1795381000000 } from './1795381000000-AddWebhookEndpointsAndDeliveries';
import { AddIntentMatchingOutcome1795382000000 } from './1795382000000-AddIntentMatchingOutcome';
import { StoreListTimestampsInMilliseconds1795383000000 } from './1795383000000-StoreListTimestampsInMilliseconds';
import { IndexDispatchedOutboxEvents1795384000000 } from './1795384000000-IndexDispatchedOutboxEvents';
import { AddVendorMatchTermsAndWords1795385000000 } from './1795385000000-AddVendorMatchTermsAndWords';
import { TrackAssemblyRequestsAndSolutionVersions1795386000000 } from './1795386000000-TrackAssemblyRequestsAndSolutionVersions';

/** Every migration in order. A new generated migration is added here. */
export const MIGRATIONS: Function[] = [
  CreateMarketplaceTables1795375192725,
  AddOutboxAndVendorSearch1795375782192,
  SeedCategoryTaxonomyV11795376000000,
  AddPlaybooksAndSolutions1795376874820,
  AddPersonalDataVaultDisclosureAndErasure1795378323190,
  AddVendorMatchIndex1795380000000,
  AddWebhookEndpointsAndDeliveries1795381000000,
  AddIntentMatchingOutcome1795382000000,
  StoreListTimestampsInMilliseconds1795383000000,
  IndexDispatchedOutboxEvents1795384000000,
  AddVendorMatchTermsAndWords1795385000000,
  TrackAssemblyRequestsAndSolutionVersions1795386000000,
];

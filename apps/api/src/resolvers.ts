import { AuthResolver } from './auth/auth.resolver';
import { AwardsResolver, IntentEngagementsResolver } from './awards/awards.resolver';
import { IntentComponentsResolver, IntentsResolver } from './intents/intents.resolver';
import { IntentOffersResolver, OfferVersionsResolver, OffersResolver } from './offers/offers.resolver';
import { PlaybookComponentsResolver, PlaybooksResolver } from './playbooks/playbooks.resolver';
import {
  IntentSolutionsResolver,
  SolutionSelectionsResolver,
  SolutionVendorSharesResolver,
  SolutionsResolver,
} from './solutions/solutions.resolver';
import { CategoriesResolver } from './taxonomy/categories.resolver';
import { VendorsResolver } from './vendors/vendors.resolver';
import { ConsentReceiptsResolver } from './privacy/consent.resolver';
import { DataUseLogResolver } from './privacy/data-use-log.resolver';
import {
  DisclosureGrantFieldsResolver,
  DisclosureResolver,
  EngagementDisclosureResolver,
  IntentPrivacyResolver,
  PrivacyTermsResolver,
} from './privacy/disclosure.resolver';
import { ErasureResolver } from './privacy/erasure.resolver';
import { ExportResolver } from './privacy/export.resolver';
import { VaultResolver } from './vault/vault.resolver';
import { FeedResolver } from './matching/feed.resolver';
import { IntentMatchingResolver } from './matching/intent-matching.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { WebhookDeliveriesResolver, WebhookEndpointsResolver } from './webhooks/webhooks.resolver';

/** Every resolver of the API; the schema printer builds the published schema from this list. */
export const RESOLVERS = [
  AuthResolver,
  AwardsResolver,
  CategoriesResolver,
  IntentComponentsResolver,
  IntentEngagementsResolver,
  IntentOffersResolver,
  IntentsResolver,
  OfferVersionsResolver,
  OffersResolver,
  VendorsResolver,
  PlaybooksResolver,
  PlaybookComponentsResolver,
  IntentSolutionsResolver,
  SolutionsResolver,
  SolutionSelectionsResolver,
  SolutionVendorSharesResolver,
  // The individual's data: vault, staged disclosure, consent receipts, data-use log, export, erasure.
  VaultResolver,
  DisclosureResolver,
  IntentPrivacyResolver,
  EngagementDisclosureResolver,
  PrivacyTermsResolver,
  DisclosureGrantFieldsResolver,
  ConsentReceiptsResolver,
  DataUseLogResolver,
  ExportResolver,
  ErasureResolver,
  // Matching: the vendor's feed.
  FeedResolver,
  IntentMatchingResolver,
  NotificationsResolver,
  // Signed webhooks: endpoints, the delivery log, redelivery.
  WebhookEndpointsResolver,
  WebhookDeliveriesResolver,
];

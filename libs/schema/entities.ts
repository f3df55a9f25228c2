import { Account } from '@app/accounts/account.entity';
import { ApiToken } from '@app/accounts/api-token.entity';
import { Engagement } from '@app/awards/engagement.entity';
import { IntentComponent } from '@app/intents/intent-component.entity';
import { Intent } from '@app/intents/intent.entity';
import { IntentMatch } from '@app/matching/intent-match.entity';
import { OutboxEvent } from '@app/outbox/outbox-event.entity';
import { Playbook, PlaybookComponent } from '@app/playbooks/playbook.entity';
import { IntentSolution } from '@app/solutions/intent-solution.entity';
import { OfferVersion } from '@app/offers/offer-version.entity';
import { Offer } from '@app/offers/offer.entity';
import { Category } from '@app/taxonomy/category.entity';
import { Vendor } from '@app/vendors/vendor.entity';
import { IdempotencyRecord } from '@app/accounts/idempotency-record.entity';
import { ConsentReceipt } from '@app/disclosure/consent-receipt.entity';
import { DataUseLogEntry } from '@app/disclosure/data-use-log-entry.entity';
import { DisclosureGrant } from '@app/disclosure/disclosure-grant.entity';
import { DisclosurePolicy } from '@app/disclosure/disclosure-policy.entity';
import { IntentPrivacyTerms, PrivacyTermsAcceptance } from '@app/disclosure/privacy-terms.entity';
import { ErasureRequest } from '@app/erasure/erasure-request.entity';
import { VaultItem } from '@app/vault/vault-item.entity';
import { VaultKey } from '@app/vault/vault-key.entity';
import { WebhookDeliveryAttempt } from '@app/webhooks/webhook-delivery-attempt.entity';
import { WebhookDelivery } from '@app/webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '@app/webhooks/webhook-endpoint.entity';

/**
 * Every context's entities, listed explicitly (no globs: they break under bundlers and Jest). The
 * apps, the migration CLI, tests and benches build their DataSource with this list; no context
 * imports it.
 */
export const ENTITIES = [
  Account,
  ApiToken,
  Category,
  Vendor,
  Intent,
  IntentComponent,
  IntentMatch,
  Offer,
  OfferVersion,
  Engagement,
  IdempotencyRecord,
  OutboxEvent,
  Playbook,
  PlaybookComponent,
  IntentSolution,
  // The individual's data: vault, staged disclosure, data-use log, consent receipts, erasure.
  VaultKey,
  VaultItem,
  DisclosurePolicy,
  IntentPrivacyTerms,
  PrivacyTermsAcceptance,
  DisclosureGrant,
  ConsentReceipt,
  DataUseLogEntry,
  ErasureRequest,
  // Signed webhooks: endpoints, deliveries and their attempts.
  WebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];

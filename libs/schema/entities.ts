import { Account, ApiToken, IdempotencyRecord } from '@app/accounts';
import { Engagement } from '@app/awards';
import { IntentComponent, Intent } from '@app/intents';
import { IntentMatch } from '@app/matching';
import { OutboxEvent } from '@app/outbox';
import { Playbook, PlaybookComponent } from '@app/playbooks';
import { IntentSolution } from '@app/solutions';
import { OfferVersion, Offer } from '@app/offers';
import { Category } from '@app/taxonomy';
import { Vendor } from '@app/vendors';
import {
  ConsentReceipt,
  DataUseLogEntry,
  DisclosureGrant,
  DisclosurePolicy,
  IntentPrivacyTerms,
  PrivacyTermsAcceptance,
} from '@app/disclosure';
import { ErasureRequest } from '@app/erasure';
import { VaultItem, VaultKey } from '@app/vault';
import { WebhookDeliveryAttempt, WebhookDelivery, WebhookEndpoint } from '@app/webhooks';

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

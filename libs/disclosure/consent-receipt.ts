import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DisclosureStage } from './disclosure-stages';
import type { PrivacyTermsValues } from './privacy-terms.entity';
import { SENSITIVE_CLASSES, type Sensitivity, itemLabel } from '@app/vault';
import { CONSENT_RECEIPT_SCHEMA } from './consent-receipt.schema';

export const CONSENT_RECEIPT_VERSION = 'KI-CR-v1.1.0';

export interface KantaraPurpose {
  purpose: string;
  purposeCategory: string[];
  consentType: string;
  piiCategory: string[];
  primaryPurpose?: boolean;
  termination: string;
  thirdPartyDisclosure: boolean;
  thirdPartyName?: string;
}

/** Kantara Initiative Consent Receipt v1.1, as issued for a disclosure grant. */
export interface KantaraConsentReceipt {
  version: typeof CONSENT_RECEIPT_VERSION;
  jurisdiction: string;
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: Array<{
    piiController: string;
    onBehalf: boolean;
    contact: string;
    address: Record<string, string>;
    email: string;
    phone: string;
  }>;
  policyUrl: string;
  services: Array<{ service: string; purposes: KantaraPurpose[] }>;
  sensitive: boolean;
  spiCat: string[];
  'x-intentcast': {
    grantId: string;
    intentId: string;
    vendorId: string;
    stage: DisclosureStage;
    itemKeys: string[];
    terms: PrivacyTermsValues & { version: number };
  };
}

export interface ReceiptFacts {
  receiptId: string;
  grantId: string;
  consentedAt: Date;
  jurisdiction: string;
  policyUrl: string;
  individualId: string;
  intentId: string;
  vendor: { id: string; name: string; email: string | null };
  stage: DisclosureStage;
  purpose: string;
  items: Array<{ key: string; sensitivity: Sensitivity }>;
  terms: PrivacyTermsValues & { version: number };
}

const PURPOSE_CATEGORIES: Record<DisclosureStage, string[]> = {
  [DisclosureStage.BROADCAST]: ['Core Function'],
  [DisclosureStage.OFFER]: ['Core Function', 'Contracting'],
  [DisclosureStage.AWARD]: ['Contracting', 'Delivery'],
};

/**
 * The receipt for one grant. It names the individual only by account id and the intent only by id,
 * so receipts never carry personal content themselves.
 */
export function buildConsentReceipt(facts: ReceiptFacts): KantaraConsentReceipt {
  const piiCategory = facts.items.map((item) => itemLabel(item.key));
  const spiCat = [
    ...new Set(facts.items.map((item) => item.sensitivity).filter((s) => SENSITIVE_CLASSES.has(s))),
  ].sort();
  const termination =
    `Ends when the individual revokes it or erases their account, or when the vendor leaves the ${facts.stage} stage; ` +
    `the vendor keeps the data at most ${facts.terms.retentionDays} days after the engagement ends.`;
  const thirdParty = facts.terms.noResale
    ? { thirdPartyDisclosure: false }
    : { thirdPartyDisclosure: true, thirdPartyName: 'Not restricted by the terms of this intent' };
  const purposes: KantaraPurpose[] = [
    {
      purpose: facts.purpose,
      purposeCategory: PURPOSE_CATEGORIES[facts.stage],
      consentType: 'EXPLICIT',
      piiCategory,
      primaryPurpose: true,
      termination,
      ...thirdParty,
    },
  ];
  if (!facts.terms.noMarketing) {
    purposes.push({
      purpose: 'Marketing by the vendor, allowed by the terms of this intent',
      purposeCategory: ['Marketing'],
      consentType: 'EXPLICIT',
      piiCategory,
      primaryPurpose: false,
      termination,
      ...thirdParty,
    });
  }
  return {
    version: CONSENT_RECEIPT_VERSION,
    jurisdiction: facts.jurisdiction,
    consentTimestamp: Math.floor(facts.consentedAt.getTime() / 1000),
    collectionMethod: 'Disclosure policy set by the individual in Intentcast (API)',
    consentReceiptID: facts.receiptId,
    language: 'en',
    piiPrincipalId: facts.individualId,
    piiControllers: [
      {
        piiController: facts.vendor.name,
        onBehalf: false,
        contact: facts.vendor.name,
        address: {},
        email: facts.vendor.email ?? '',
        phone: '',
      },
    ],
    policyUrl: facts.policyUrl,
    services: [{ service: `Intentcast intent ${facts.intentId}, ${facts.stage} stage`, purposes }],
    sensitive: spiCat.length > 0,
    spiCat,
    'x-intentcast': {
      grantId: facts.grantId,
      intentId: facts.intentId,
      vendorId: facts.vendor.id,
      stage: facts.stage,
      itemKeys: facts.items.map((item) => item.key),
      terms: facts.terms,
    },
  };
}

let validator: ValidateFunction | null = null;

/** Schema violations of a receipt ([] when valid), checked before any receipt is stored. */
export function consentReceiptErrors(document: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    validator = ajv.compile(CONSENT_RECEIPT_SCHEMA);
  }
  if (validator(document)) return [];
  return (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

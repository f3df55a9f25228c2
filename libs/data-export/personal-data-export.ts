import type { KantaraConsentReceipt } from '@app/disclosure';

/** Types of the export document; docs/export.schema.json (from export.schema.ts) is the published contract. */
export const EXPORT_FORMAT = 'intentcast.personal-data-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportMoney {
  amount: string;
  currency: string;
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  profile: { accountId: string; kind: string; email: string | null; displayName: string; createdAt: string };
  apiTokens: Array<{
    id: string;
    name: string;
    createdAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }>;
  vault: Array<{ key: string; value: string; sensitivity: string; createdAt: string; updatedAt: string }>;
  intents: ExportIntent[];
  offersReceived: ExportOffer[];
  engagements: Array<{
    id: string;
    intentId: string;
    offerId: string;
    offerVersionId: string;
    vendorId: string;
    vendorName: string | null;
    componentIds: string[];
    total: ExportMoney;
    status: string;
    createdAt: string;
  }>;
  /** Reviews you wrote; reviews do not exist yet, so always empty. */
  reviews: never[];
  disclosureGrants: Array<{
    id: string;
    intentId: string;
    vendorId: string;
    vendorName: string | null;
    stage: string;
    itemKeys: string[];
    purpose: string;
    termsVersion: number;
    createdAt: string;
    endedAt: string | null;
    endReason: string | null;
    revokedAt: string | null;
  }>;
  consentReceipts: Array<{ id: string; grantId: string; createdAt: string; receipt: KantaraConsentReceipt }>;
  dataUseLog: Array<{
    id: string;
    vendorId: string;
    vendorName: string | null;
    intentId: string;
    itemKeys: string[];
    purpose: string;
    outcome: string;
    detail: string | null;
    accessPath: string;
    createdAt: string;
  }>;
}

export interface ExportIntent {
  id: string;
  title: string;
  description: string;
  status: string;
  categoryCode: string | null;
  playbookCode: string | null;
  location: {
    postcode: string | null;
    lat: number | null;
    lng: number | null;
    coarseLat: number | null;
    coarseLng: number | null;
    coarseArea: string | null;
  };
  window: { start: string | null; end: string | null };
  budget: ExportMoney | null;
  expiresAt: string;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  solutionConstraints: Record<string, unknown>;
  components: Array<{
    id: string;
    position: number;
    title: string;
    description: string;
    categoryCode: string | null;
    optional: boolean;
  }>;
  privacyTerms: {
    version: number;
    stated: boolean;
    noMarketing: boolean;
    noResale: boolean;
    retentionDays: number;
    updatedAt: string | null;
  };
  disclosurePolicy: { broadcast: string[]; offer: string[]; award: string[]; updatedAt: string } | null;
  matches: Array<{
    vendorId: string;
    vendorName: string | null;
    score: number;
    reasons: Record<string, unknown>;
    createdAt: string;
    declinedAt: string | null;
  }>;
  solutions: Array<{
    id: string;
    rank: number;
    total: ExportMoney;
    saving: ExportMoney | null;
    provenOptimal: boolean;
    selections: unknown[];
    vendors: unknown[];
    createdAt: string;
  }>;
}

export interface ExportOffer {
  id: string;
  intentId: string;
  vendorId: string;
  vendorName: string | null;
  status: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  versions: Array<{
    id: string;
    version: number;
    total: ExportMoney;
    isBundle: boolean;
    lines: Array<{ componentId: string; price: ExportMoney | null; description: string }>;
    message: string;
    validUntil: string;
    createdAt: string;
  }>;
}

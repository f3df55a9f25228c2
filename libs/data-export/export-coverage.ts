/**
 * Which tables the export covers, and which it leaves out and why. A test lists every table with a
 * column naming a person (user / individual / owner / account) from the database catalogue and fails
 * when one is in neither list: a new table keyed to people must be exported or explicitly excused.
 */
export interface CoveredTable {
  /** Column holding the individual's account id. */
  column: string;
  /** Where the rows appear in the document: a top-level array, or `intents[].<field>` for one per intent. */
  section: string;
}

export const EXPORT_COVERAGE: Record<string, CoveredTable> = {
  accounts: { column: 'id', section: 'profile' },
  api_tokens: { column: 'account_id', section: 'apiTokens' },
  intents: { column: 'owner_id', section: 'intents' },
  engagements: { column: 'individual_id', section: 'engagements' },
  vault_items: { column: 'individual_id', section: 'vault' },
  disclosure_policies: { column: 'individual_id', section: 'intents[].disclosurePolicy' },
  intent_privacy_terms: { column: 'individual_id', section: 'intents[].privacyTerms' },
  disclosure_grants: { column: 'individual_id', section: 'disclosureGrants' },
  consent_receipts: { column: 'individual_id', section: 'consentReceipts' },
  data_use_log: { column: 'individual_id', section: 'dataUseLog' },
};

/** Tables keyed to an account that the export deliberately leaves out, with the reason. */
export const EXPORT_EXCLUSIONS: Record<string, string> = {
  vault_keys: 'Wrapped key material, not data about the person: the vault values it protects are exported decrypted.',
  idempotency_records:
    'Retry bookkeeping: a client-chosen request key and a hash of the request, no content of its own; deleted on erasure.',
  erasure_requests: 'Exists only once erasure was asked for, when the account can no longer sign in to export.',
  vendors: 'Vendor profiles belong to vendor accounts; the export is for individuals, who have none.',
};

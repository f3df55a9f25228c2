/**
 * JSON Schema of the consent receipts Intentcast issues: the Kantara Initiative Consent Receipt
 * Specification v1.1 fields, plus one `x-intentcast` extension with the machine-readable grant.
 * Published as docs/consent-receipt.schema.json (`npm run schema:json` writes it; a test checks it).
 */
export const CONSENT_RECEIPT_SCHEMA_ID = 'https://intentcast.example/schemas/consent-receipt.schema.json';

const nonEmpty = { type: 'string', minLength: 1 } as const;

export const CONSENT_RECEIPT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: CONSENT_RECEIPT_SCHEMA_ID,
  title: 'Intentcast consent receipt (Kantara Initiative Consent Receipt v1.1)',
  description:
    'Issued for every disclosure grant: which personal data items of the PII principal went to which vendor, for which purposes, under which terms.',
  type: 'object',
  required: [
    'version',
    'jurisdiction',
    'consentTimestamp',
    'collectionMethod',
    'consentReceiptID',
    'piiPrincipalId',
    'piiControllers',
    'policyUrl',
    'services',
    'sensitive',
    'spiCat',
  ],
  additionalProperties: false,
  properties: {
    version: { const: 'KI-CR-v1.1.0', description: 'Version of the Consent Receipt specification.' },
    jurisdiction: { ...nonEmpty, description: 'Where the consent was given (ISO 3166 code).' },
    consentTimestamp: {
      type: 'integer',
      minimum: 0,
      description: 'When consent was given, in seconds since the epoch.',
    },
    collectionMethod: { ...nonEmpty, description: 'How the consent was collected.' },
    consentReceiptID: { type: 'string', format: 'uuid' },
    publicKey: { type: 'string' },
    language: { type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$' },
    piiPrincipalId: { ...nonEmpty, description: 'The individual: their (pseudonymous) account id, never an email.' },
    piiControllers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['piiController', 'contact', 'address', 'email', 'phone'],
        additionalProperties: false,
        properties: {
          piiController: nonEmpty,
          onBehalf: { type: 'boolean' },
          contact: nonEmpty,
          address: { type: 'object' },
          email: { type: 'string' },
          phone: { type: 'string' },
          piiControllerUrl: { type: 'string', format: 'uri' },
        },
      },
    },
    policyUrl: { type: 'string', format: 'uri' },
    services: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['service', 'purposes'],
        additionalProperties: false,
        properties: {
          service: nonEmpty,
          purposes: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: [
                'purpose',
                'purposeCategory',
                'consentType',
                'piiCategory',
                'termination',
                'thirdPartyDisclosure',
              ],
              additionalProperties: false,
              properties: {
                purpose: nonEmpty,
                purposeCategory: { type: 'array', minItems: 1, items: nonEmpty },
                consentType: nonEmpty,
                piiCategory: { type: 'array', minItems: 1, items: nonEmpty },
                primaryPurpose: { type: 'boolean' },
                termination: nonEmpty,
                thirdPartyDisclosure: { type: 'boolean' },
                thirdPartyName: nonEmpty,
              },
              if: { required: ['thirdPartyDisclosure'], properties: { thirdPartyDisclosure: { const: true } } },
              then: { required: ['thirdPartyName'], properties: { thirdPartyName: nonEmpty } },
            },
          },
        },
      },
    },
    sensitive: { type: 'boolean' },
    spiCat: { type: 'array', items: nonEmpty },
    'x-intentcast': {
      type: 'object',
      description: 'The grant the receipt is for, machine-readable.',
      required: ['grantId', 'intentId', 'vendorId', 'stage', 'itemKeys', 'terms'],
      additionalProperties: false,
      properties: {
        grantId: { type: 'string', format: 'uuid' },
        intentId: { type: 'string', format: 'uuid' },
        vendorId: { type: 'string', format: 'uuid' },
        stage: { enum: ['broadcast', 'offer', 'award'] },
        itemKeys: { type: 'array', minItems: 1, items: nonEmpty },
        terms: {
          type: 'object',
          required: ['version', 'noMarketing', 'noResale', 'retentionDays'],
          additionalProperties: false,
          properties: {
            version: { type: 'integer', minimum: 1 },
            noMarketing: { type: 'boolean' },
            noResale: { type: 'boolean' },
            retentionDays: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  },
} as const;

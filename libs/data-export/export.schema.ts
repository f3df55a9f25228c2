import { CONSENT_RECEIPT_SCHEMA_ID } from '@app/disclosure';

/**
 * JSON Schema of the personal data export (`exportMyData`, `GET /privacy/export`).
 * Published as docs/export.schema.json (`npm run schema:json` writes it; a test checks it).
 */
export const EXPORT_SCHEMA_ID = 'https://intentcast.example/schemas/export.schema.json';

const string = { type: 'string' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const strings = { type: 'array', items: string } as const;
const uuids = { type: 'array', items: uuid } as const;
const object = (properties: Record<string, object>) => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const list = (items: object) => ({ type: 'array', items });
const money = { $ref: '#/definitions/money' } as const;

export const EXPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: EXPORT_SCHEMA_ID,
  title: 'Intentcast personal data export',
  description:
    'Everything Intentcast holds about one individual, as one portable document. Vault values are decrypted. ' +
    'Dates are ISO 8601 (UTC); money is a decimal string in the currency minor-unit precision.',
  definitions: {
    money: object({
      amount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    }),
  },
  ...object({
    format: { const: 'intentcast.personal-data-export' },
    formatVersion: { const: 1 },
    exportedAt: dateTime,
    profile: object({
      accountId: uuid,
      kind: { enum: ['individual'] },
      email: nullable(string),
      displayName: string,
      createdAt: dateTime,
    }),
    apiTokens: list(
      object({
        id: uuid,
        name: string,
        createdAt: dateTime,
        lastUsedAt: nullable(dateTime),
        revokedAt: nullable(dateTime),
      }),
    ),
    vault: list(
      object({
        key: string,
        value: string,
        sensitivity: { enum: ['basic', 'contact', 'financial', 'health', 'identity'] },
        createdAt: dateTime,
        updatedAt: dateTime,
      }),
    ),
    intents: list(
      object({
        id: uuid,
        title: string,
        description: string,
        status: { enum: ['draft', 'open', 'awarded', 'fulfilled', 'withdrawn', 'expired'] },
        categoryCode: nullable(string),
        playbookCode: nullable(string),
        location: object({
          postcode: nullable(string),
          lat: nullable({ type: 'number' }),
          lng: nullable({ type: 'number' }),
          coarseLat: nullable({ type: 'number' }),
          coarseLng: nullable({ type: 'number' }),
          coarseArea: nullable(string),
        }),
        window: object({ start: nullable(dateTime), end: nullable(dateTime) }),
        budget: nullable(money),
        expiresAt: dateTime,
        openedAt: nullable(dateTime),
        closedAt: nullable(dateTime),
        createdAt: dateTime,
        updatedAt: dateTime,
        solutionConstraints: { type: 'object' },
        components: list(
          object({
            id: uuid,
            position: { type: 'integer' },
            title: string,
            description: string,
            categoryCode: nullable(string),
            optional: { type: 'boolean' },
          }),
        ),
        privacyTerms: object({
          version: { type: 'integer', minimum: 1 },
          stated: { type: 'boolean' },
          noMarketing: { type: 'boolean' },
          noResale: { type: 'boolean' },
          retentionDays: { type: 'integer', minimum: 0 },
          updatedAt: nullable(dateTime),
        }),
        disclosurePolicy: nullable(object({ broadcast: strings, offer: strings, award: strings, updatedAt: dateTime })),
        matches: list(
          object({
            vendorId: uuid,
            vendorName: nullable(string),
            score: { type: 'number' },
            reasons: { type: 'object' },
            createdAt: dateTime,
            declinedAt: nullable(dateTime),
          }),
        ),
        solutions: list(
          object({
            id: uuid,
            rank: { type: 'integer' },
            total: money,
            saving: nullable(money),
            provenOptimal: { type: 'boolean' },
            selections: { type: 'array' },
            vendors: { type: 'array' },
            createdAt: dateTime,
          }),
        ),
      }),
    ),
    offersReceived: list(
      object({
        id: uuid,
        intentId: uuid,
        vendorId: uuid,
        vendorName: nullable(string),
        status: { enum: ['active', 'withdrawn', 'accepted', 'lost', 'expired'] },
        currentVersion: { type: 'integer', minimum: 1 },
        createdAt: dateTime,
        updatedAt: dateTime,
        versions: list(
          object({
            id: uuid,
            version: { type: 'integer', minimum: 1 },
            total: money,
            isBundle: { type: 'boolean' },
            lines: list(object({ componentId: uuid, price: nullable(money), description: string })),
            message: string,
            validUntil: dateTime,
            createdAt: dateTime,
          }),
        ),
      }),
    ),
    engagements: list(
      object({
        id: uuid,
        intentId: uuid,
        offerId: uuid,
        offerVersionId: uuid,
        vendorId: uuid,
        vendorName: nullable(string),
        componentIds: uuids,
        total: money,
        status: { enum: ['active', 'completed', 'cancelled'] },
        createdAt: dateTime,
      }),
    ),
    reviews: { type: 'array', maxItems: 0, description: 'Reviews you wrote (the feature does not exist yet).' },
    disclosureGrants: list(
      object({
        id: uuid,
        intentId: uuid,
        vendorId: uuid,
        vendorName: nullable(string),
        stage: { enum: ['broadcast', 'offer', 'award'] },
        itemKeys: strings,
        purpose: string,
        termsVersion: { type: 'integer', minimum: 1 },
        createdAt: dateTime,
        endedAt: nullable(dateTime),
        endReason: nullable({ enum: ['revoked', 'erased', 'superseded', 'lapsed'] }),
        revokedAt: nullable(dateTime),
      }),
    ),
    consentReceipts: list(
      object({ id: uuid, grantId: uuid, createdAt: dateTime, receipt: { $ref: CONSENT_RECEIPT_SCHEMA_ID } }),
    ),
    dataUseLog: list(
      object({
        id: uuid,
        vendorId: uuid,
        vendorName: nullable(string),
        intentId: uuid,
        itemKeys: strings,
        purpose: string,
        outcome: { enum: ['read', 'denied'] },
        detail: nullable(string),
        accessPath: string,
        createdAt: dateTime,
      }),
    ),
  }),
} as const;

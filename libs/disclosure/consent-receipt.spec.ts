import { randomUUID } from 'node:crypto';
import { DisclosureStage } from './disclosure-stages';
import { Sensitivity } from '@app/vault';
import { type ReceiptFacts, buildConsentReceipt, consentReceiptErrors } from './consent-receipt';

const facts = (overrides: Partial<ReceiptFacts> = {}): ReceiptFacts => ({
  receiptId: randomUUID(),
  grantId: randomUUID(),
  consentedAt: new Date('2026-11-01T10:00:00Z'),
  jurisdiction: 'GB',
  policyUrl: 'https://intentcast.example/privacy',
  individualId: randomUUID(),
  intentId: randomUUID(),
  vendor: { id: randomUUID(), name: 'Leeds Removals', email: 'hello@leeds-removals.example' },
  stage: DisclosureStage.AWARD,
  purpose: 'Deliver the engagement awarded on the intent',
  items: [
    { key: 'postal_address', sensitivity: Sensitivity.CONTACT },
    { key: 'date_of_birth', sensitivity: Sensitivity.IDENTITY },
  ],
  terms: { version: 2, noMarketing: true, noResale: true, retentionDays: 30 },
  ...overrides,
});

describe('consent receipts (Kantara CR v1.1)', () => {
  it('builds a valid receipt with the Kantara fields', () => {
    const receipt = buildConsentReceipt(facts());
    expect(consentReceiptErrors(receipt)).toEqual([]);
    expect(receipt).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'GB',
      consentTimestamp: 1793527200,
      sensitive: true,
      spiCat: ['identity'],
      piiControllers: [{ piiController: 'Leeds Removals', email: 'hello@leeds-removals.example' }],
    });
    expect(receipt.services[0].purposes).toHaveLength(1);
    expect(receipt.services[0].purposes[0]).toMatchObject({
      piiCategory: ['Postal address', 'Date of birth'],
      thirdPartyDisclosure: false,
      termination: expect.stringContaining('30 days'),
    });
  });

  it('reflects terms that allow marketing or passing data on', () => {
    const receipt = buildConsentReceipt(
      facts({ terms: { version: 3, noMarketing: false, noResale: false, retentionDays: 0 } }),
    );
    expect(consentReceiptErrors(receipt)).toEqual([]);
    expect(receipt.services[0].purposes.map((purpose) => purpose.purposeCategory)).toEqual([
      ['Contracting', 'Delivery'],
      ['Marketing'],
    ]);
    expect(receipt.services[0].purposes[0]).toMatchObject({
      thirdPartyDisclosure: true,
      thirdPartyName: expect.any(String),
    });
  });

  it('rejects documents that break the schema', () => {
    const receipt = buildConsentReceipt(facts({ items: [{ key: 'phone', sensitivity: Sensitivity.CONTACT }] }));
    expect(receipt.sensitive).toBe(false);
    expect(consentReceiptErrors({ ...receipt, version: 'v1' })).not.toEqual([]);
    expect(consentReceiptErrors({ ...receipt, piiControllers: [] })).not.toEqual([]);
    const { thirdPartyName: _omitted, ...purpose } = { ...receipt.services[0].purposes[0], thirdPartyDisclosure: true };
    expect(consentReceiptErrors({ ...receipt, services: [{ service: 'x', purposes: [purpose] }] })).not.toEqual([]);
  });
});

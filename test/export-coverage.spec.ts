import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EXPORT_COVERAGE, EXPORT_EXCLUSIONS } from '@app/data-export/export-coverage';
import { JSON_SCHEMAS, printJsonSchema } from '../scripts/print-json-schemas';
import { type Actor, LEEDS, signUp, vendorWithProfile } from './support/actors';
import {
  acceptTerms,
  award,
  fillVault,
  makeOffer,
  postIntent,
  setPolicy,
  waitUntilMatched,
} from './support/privacy-fixtures';
import { type TestStack, startTestStack } from './support/test-stack';

/** Columns that say "this row belongs to a person". */
const PERSON_COLUMN = /^(user|individual|owner|account)(_id)?$|_(user|individual|owner|account)_id$/;

const docsSchema = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'docs', name), 'utf8'));

function sectionCount(document: Record<string, any>, section: string): number {
  const nested = /^intents\[\]\.(\w+)$/.exec(section);
  if (nested) {
    const field = nested[1];
    return document.intents.filter((intent: Record<string, any>) =>
      field === 'privacyTerms' ? intent.privacyTerms.stated : intent[field] !== null,
    ).length;
  }
  const value = document[section];
  return Array.isArray(value) ? value.length : value ? 1 : 0;
}

describe('export: everything held about me, in one document with a published schema', () => {
  let stack: TestStack;
  let individual: Actor;
  let vendor: Actor;
  let document: Record<string, any>;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Exporting Person');
    vendor = await vendorWithProfile(stack, 'Export Removals', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 50 },
    });
    await fillVault(stack, individual, {
      legal_name: 'Ottoline Exporter',
      postal_address: '3 Quarry Hill, Leeds',
      'custom.allergies': 'Peanuts',
    });
    await stack.gql(`mutation { createApiToken(input: { name: "my scripts" }) { token } }`, {}, individual.token);
    const awarded = await postIntent(stack, individual, {
      title: 'Piano removal',
      location: { postcode: 'LS6 3AB', lat: LEEDS.lat, lng: LEEDS.lng },
      idempotencyKey: 'piano-1',
    });
    await postIntent(stack, individual, { title: 'Sofa removal' });
    const termsSet = await stack.gql(
      `mutation($id: ID!) { setPrivacyTerms(intentId: $id, input: { noMarketing: true, noResale: true, retentionDays: 30 }) { version } }`,
      { id: awarded.id },
      individual.token,
    );
    expect(termsSet.data!.setPrivacyTerms.version).toBe(2);
    await setPolicy(stack, individual, awarded.id, { award: ['postal_address', 'legal_name'] });
    await waitUntilMatched(stack, awarded.id, vendor);
    const offerId = await makeOffer(stack, vendor, awarded);
    await award(stack, individual, awarded.id, offerId);
    await acceptTerms(stack, vendor, awarded.id);
    for (let read = 0; read < 3; read += 1) {
      const seen = await stack.gql(
        `query($id: ID!) { intent(id: $id) { disclosedItems { key } } }`,
        { id: awarded.id },
        vendor.token,
      );
      expect(seen.data!.intent.disclosedItems).toHaveLength(2);
    }
    // The award re-runs solution assembly, which touches the intent: export once the worker is done.
    await stack.settle();
    const result = await stack.gql(`{ exportMyData }`, {}, individual.token);
    expect(result.errors).toBeUndefined();
    document = result.data!.exportMyData;
  });

  afterAll(async () => {
    await stack.close();
  });

  it('validates against docs/export.schema.json, with the vault decrypted', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addSchema(docsSchema('consent-receipt.schema.json'));
    const validate = ajv.compile(docsSchema('export.schema.json'));
    expect([validate(document), validate.errors]).toEqual([true, null]);
    expect(document.vault.map((item: { key: string; value: string }) => [item.key, item.value])).toEqual([
      ['custom.allergies', 'Peanuts'],
      ['legal_name', 'Ottoline Exporter'],
      ['postal_address', '3 Quarry Hill, Leeds'],
    ]);
    expect(document.profile).toMatchObject({ accountId: individual.accountId, email: individual.email });
    expect(document.reviews).toEqual([]);
    expect(
      document.intents.find((intent: { title: string }) => intent.title === 'Piano removal').location.postcode,
    ).toBe('LS6 3AB');
  });

  it('covers every table keyed to a person: exported, or excused with a reason', async () => {
    const columns: Array<{ table_name: string; column_name: string }> = await stack.dataSource.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    const keyedToPeople = new Set(
      columns.filter((column) => PERSON_COLUMN.test(column.column_name)).map((column) => column.table_name),
    );
    keyedToPeople.add('accounts');
    const uncovered = [...keyedToPeople].filter((table) => !EXPORT_COVERAGE[table] && !EXPORT_EXCLUSIONS[table]).sort();
    expect(uncovered).toEqual([]);
    const tables = new Set(columns.map((column) => column.table_name));
    const stale = [...Object.keys(EXPORT_COVERAGE), ...Object.keys(EXPORT_EXCLUSIONS)].filter(
      (table) => !tables.has(table),
    );
    expect(stale).toEqual([]);
    for (const reason of Object.values(EXPORT_EXCLUSIONS)) expect(reason.length).toBeGreaterThan(20);

    // Every covered table's rows about me are all in the document (and the fixture has some of each).
    for (const [table, { column, section }] of Object.entries(EXPORT_COVERAGE)) {
      const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`, [
        individual.accountId,
      ]);
      expect([table, n > 0, sectionCount(document, section)]).toEqual([table, true, n]);
    }
  });

  it('downloads the same document over HTTP for the signed-in individual only', async () => {
    const download = await fetch(`${stack.baseUrl}/privacy/export`, {
      headers: { authorization: `Bearer ${individual.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="intentcast-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(download.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await download.json()) as Record<string, unknown>;
    expect({ ...body, exportedAt: null }).toEqual({ ...document, exportedAt: null });

    expect((await fetch(`${stack.baseUrl}/privacy/export`)).status).toBe(401);
    const asVendor = await fetch(`${stack.baseUrl}/privacy/export`, {
      headers: { authorization: `Bearer ${vendor.token}` },
    });
    expect(asVendor.status).toBe(403);
    const vendorQuery = await stack.gql(`{ exportMyData }`, {}, vendor.token);
    expect(vendorQuery.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('publishes the schemas in docs/ exactly as the code defines them', () => {
    for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
      expect([file, readFileSync(join(__dirname, '..', file), 'utf8')]).toEqual([file, printJsonSchema(schema)]);
    }
  });
});

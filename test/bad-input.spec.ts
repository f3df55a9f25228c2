import { randomUUID } from 'node:crypto';
import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const CREATE_INTENT = `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id } }`;
const MAKE_OFFER = `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`;

describe('bad input gets a clear typed error and changes nothing', () => {
  let stack: TestStack;
  let individual: Actor;
  let vendor: Actor;
  let intentId: string;
  let componentId: string;
  const validIntent = () => ({
    title: 'Removals',
    categoryCode: 'moving.removals',
    location: LEEDS,
    budget: { amount: '800', currency: 'GBP' },
    expiresAt: inDays(10),
  });
  const validOffer = () => ({
    intentId,
    currency: 'GBP',
    validUntil: inDays(5),
    lines: [{ componentId, amount: '700' }],
  });

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Careful Individual');
    vendor = await vendorWithProfile(stack, 'Careful Vendor', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 50 },
    });
    const created = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
      { input: validIntent() },
      individual.token,
    );
    intentId = created.data!.createIntent.id;
    componentId = created.data!.createIntent.components[0].id;
    await waitFor(
      async () =>
        !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intentId }, vendor.token)).errors,
    );
  });

  afterAll(async () => {
    await stack.close();
  });

  const cases: Array<{
    name: string;
    as: () => Actor;
    query: string;
    variables: () => Record<string, unknown>;
    code: string;
    field?: string;
  }> = [
    {
      name: 'oversize title',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), title: 'x'.repeat(201) } }),
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    },
    {
      name: 'oversize description',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), description: 'x'.repeat(10_001) } }),
      code: 'BAD_USER_INPUT',
      field: 'input.description',
    },
    {
      name: 'lower-case currency',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), budget: { amount: '10', currency: 'gbp' } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.budget.currency',
    },
    {
      name: 'unknown currency',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), budget: { amount: '10', currency: 'XQZ' } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.budget.currency',
    },
    {
      name: 'too many decimals for the currency',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), budget: { amount: '10.5', currency: 'JPY' } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.budget.amount',
    },
    {
      name: 'negative budget',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), budget: { amount: '-5', currency: 'GBP' } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.budget.amount',
    },
    {
      name: 'expiry in the past',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), expiresAt: inDays(-1) } }),
      code: 'BAD_USER_INPUT',
      field: 'input.expiresAt',
    },
    {
      name: 'window end before start',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), windowStart: inDays(5), windowEnd: inDays(4) } }),
      code: 'BAD_USER_INPUT',
      field: 'input.windowEnd',
    },
    {
      name: 'unknown category',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), categoryCode: 'no.such.code' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.categoryCode',
    },
    {
      name: 'unknown component category, after a valid component',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({
        input: { ...validIntent(), components: [{ title: 'ok' }, { title: 'bad', categoryCode: 'nope' }] },
      }),
      code: 'BAD_USER_INPUT',
      field: 'input.components.1.categoryCode',
    },
    {
      name: 'lat without lng',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), location: { lat: 53.8 } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.location.lng',
    },
    {
      name: 'latitude out of range',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), location: { lat: 123, lng: 0 } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.location.lat',
    },
    {
      name: 'not a postcode',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), location: { postcode: '12345' } } }),
      code: 'BAD_USER_INPUT',
      field: 'input.location.postcode',
    },
    {
      name: 'bad idempotency key',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), idempotencyKey: 'has spaces' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    },
    {
      name: 'offer in the wrong currency',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), currency: 'EUR' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.currency',
    },
    {
      name: 'negative line amount',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), lines: [{ componentId, amount: '-1' }] } }),
      code: 'BAD_USER_INPUT',
      field: 'input.lines.0.amount',
    },
    {
      name: 'total that is not the sum',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), total: '1' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.total',
    },
    {
      name: 'bundle of one component',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), isBundle: true, total: '5' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.lines',
    },
    {
      name: 'offer valid in the past',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), validUntil: inDays(-1) } }),
      code: 'BAD_USER_INPUT',
      field: 'input.validUntil',
    },
    {
      name: 'component of another intent',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), lines: [{ componentId: randomUUID(), amount: '5' }] } }),
      code: 'BAD_USER_INPUT',
      field: 'input.lines.0.componentId',
    },
    {
      name: 'unknown intent id',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), intentId: randomUUID() } }),
      code: 'NOT_FOUND',
    },
    {
      name: 'intent id that is not a UUID',
      as: () => vendor,
      query: MAKE_OFFER,
      variables: () => ({ input: { ...validOffer(), intentId: 'nope' } }),
      code: 'BAD_USER_INPUT',
      field: 'input.intentId',
    },
    {
      name: 'empty id',
      as: () => individual,
      query: `query { intent(id: "") { id } }`,
      variables: () => ({}),
      code: 'BAD_USER_INPUT',
      field: 'id',
    },
    {
      name: 'null id',
      as: () => individual,
      query: `query($id: ID!) { intent(id: $id) { id } }`,
      variables: () => ({ id: null }),
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'unknown id',
      as: () => individual,
      query: `query($id: ID!) { intent(id: $id) { id } }`,
      variables: () => ({ id: randomUUID() }),
      code: 'NOT_FOUND',
    },
    {
      name: 'empty id on a mutation',
      as: () => individual,
      query: `mutation { withdrawIntent(id: "") { id } }`,
      variables: () => ({}),
      code: 'BAD_USER_INPUT',
      field: 'id',
    },
    {
      name: 'page size too large',
      as: () => individual,
      query: `query { myIntents(first: 1000) { nodes { id } } }`,
      variables: () => ({}),
      code: 'BAD_USER_INPUT',
      field: 'first',
    },
    {
      name: 'forged cursor',
      as: () => individual,
      query: `query { myIntents(first: 5, after: "bm9wZQ") { nodes { id } } }`,
      variables: () => ({}),
      code: 'BAD_USER_INPUT',
      field: 'after',
    },
    {
      name: 'unknown input field',
      as: () => individual,
      query: CREATE_INTENT,
      variables: () => ({ input: { ...validIntent(), isAdmin: true } }),
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'depth bomb',
      as: () => individual,
      query: `query($id: ID!) { intent(id: $id) { offers { nodes { intent { offers { nodes { intent { offers { nodes { intent { offers { nodes { id } } } } } } } } } } } } }`,
      variables: () => ({ id: intentId }),
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'alias bomb',
      as: () => individual,
      query: `query { ${Array.from({ length: 300 }, (_, i) => `a${i}: categories(first: 100) { nodes { code keywords } }`).join(' ')} }`,
      variables: () => ({}),
      code: 'BAD_USER_INPUT',
    },
  ];

  it.each(cases)('$name → $code', async ({ as, query, variables, code, field }) => {
    await stack.settle();
    const tables = await applicationTables(stack.dataSource);
    const before = await snapshotTables(stack.dataSource, tables);
    const result = await stack.gql(query, variables(), as().token);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(/\w/);
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { VaultService } from '@app/vault/vault.service';
import { type Actor, BRISTOL, LEEDS, signUp, vendorWithProfile } from './support/actors';
import {
  acceptTerms,
  award,
  fillVault,
  makeOffer,
  type PostedIntent,
  postIntent,
  setPolicy,
  waitUntilMatched,
} from './support/privacy-fixtures';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack } from './support/test-stack';

const VAULT = {
  legal_name: 'Morwenna Quillfeather',
  email: 'morwenna.q@example.test',
  phone: '+44 7700 900123',
  postal_address: '14 Larkspur Row, Leeds LS6 2QT',
  date_of_birth: '1984-02-29',
  'custom.access_notes': 'Side gate code 4471',
};
const GRANTED = ['email', 'phone', 'postal_address'];

const READ_INTENT = `query($id: ID!) { intent(id: $id) { disclosedItems { key value sensitivity stage } } }`;

/** Arguments for root fields that need them, by field name; a new root that reaches personal data needs one. */
type Ids = { intent: string; engagement: string; offer: string };
const ROOT_ARGS: Record<string, (ids: Ids) => string> = {
  intent: (ids) => `(id: "${ids.intent}")`,
  engagement: (ids) => `(id: "${ids.engagement}")`,
  offer: (ids) => `(id: "${ids.offer}")`,
  // The awarded intent is closed: the feed lists it when asked to.
  feed: () => `(includeClosed: true)`,
};

interface SchemaPath {
  root: string;
  fields: Array<GraphQLField<unknown, unknown>>;
}

/** Every path from Query to a field returning DisclosedItem (no type visited twice on a path). */
function pathsToPersonalData(schema: GraphQLSchema, target = 'DisclosedItem', maxDepth = 7): SchemaPath[] {
  const paths: SchemaPath[] = [];
  const walk = (type: GraphQLObjectType, trail: Array<GraphQLField<unknown, unknown>>, seen: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (named.name === target) paths.push({ root: trail[0]?.name ?? field.name, fields: [...trail, field] });
      else if (isObjectType(named) && !seen.has(named.name) && trail.length < maxDepth) {
        walk(named, [...trail, field], new Set([...seen, named.name]));
      }
    }
  };
  walk(schema.getQueryType()!, [], new Set(['Query']));
  return paths;
}

function queryFor(path: SchemaPath, ids: Ids): string {
  let body = '{ key value sensitivity stage }';
  for (let index = path.fields.length - 1; index >= 0; index -= 1) {
    const field = path.fields[index];
    const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    let args = '';
    if (index === 0 && ROOT_ARGS[field.name]) args = ROOT_ARGS[field.name](ids);
    else if (required.length > 0) throw new Error(`no arguments known for ${field.name} (path ${pathName(path)})`);
    body = `{ ${field.name}${args} ${body} }`;
  }
  return body;
}

const pathName = (path: SchemaPath) => path.fields.map((field) => field.name).join('.');

/** The disclosedItems lists found anywhere in a response, in document order. */
function findItemLists(value: unknown, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(value)) value.forEach((element) => findItemLists(element, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'disclosedItems' && Array.isArray(child)) found.push(child);
      else findItemLists(child, found);
    }
  }
  return found;
}

describe('staged disclosure: vault, grants, terms, data-use log, receipts, revocation', () => {
  let stack: TestStack;
  let individual: Actor;
  let winner: Actor;
  let loser: Actor;
  let onlyMatched: Actor;
  let intent: PostedIntent;
  let ids: Ids;

  const logRows = async (vendor: Actor) =>
    stack.dataSource.query(
      `SELECT item_keys, outcome, detail, access_path, intent_id, purpose FROM data_use_log
        WHERE vendor_id = $1 ORDER BY created_at, id`,
      [vendor.vendorId],
    ) as Promise<
      Array<{ item_keys: string[]; outcome: string; detail: string | null; access_path: string; intent_id: string }>
    >;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Morwenna');
    const profile = { categoryCodes: ['moving.removals'], serviceArea: { ...LEEDS, radiusKm: 50 } };
    winner = await vendorWithProfile(stack, 'Winning Removals', profile);
    loser = await vendorWithProfile(stack, 'Losing Removals', profile);
    onlyMatched = await vendorWithProfile(stack, 'Watching Removals', profile);
    await fillVault(stack, individual, VAULT);
    intent = await postIntent(stack, individual);
    for (const vendor of [winner, loser, onlyMatched]) await waitUntilMatched(stack, intent.id, vendor);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('never stores a vault value in plaintext, and binds each ciphertext to its owner and key', async () => {
    for (const table of await applicationTables(stack.dataSource)) {
      for (const value of Object.values(VAULT)) {
        const [{ n }] = await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE '%' || $1 || '%'`,
          [value],
        );
        expect([table, value, n]).toEqual([table, value, 0]);
      }
    }
    const vault = stack.api.get(VaultService);
    const rows: Array<{ item_key: string; sealed_value: Buffer }> = await stack.dataSource.query(
      `SELECT item_key, sealed_value FROM vault_items WHERE individual_id = $1`,
      [individual.accountId],
    );
    const phone = rows.find((row) => row.item_key === 'phone')!;
    expect(await vault.openSealed(individual.accountId, 'phone', phone.sealed_value)).toBe(VAULT.phone);
    // The same ciphertext under another key, or another individual, fails authentication.
    await expect(vault.openSealed(individual.accountId, 'email', phone.sealed_value)).rejects.toThrow(/authentication/);
    const other = await signUp(stack, 'INDIVIDUAL', 'Other Person');
    await fillVault(stack, other, { phone: '+44 7700 900999' });
    await expect(vault.openSealed(other.accountId, 'phone', phone.sealed_value)).rejects.toThrow(/authentication/);

    const own = await stack.gql(`{ vault { key value sensitivity } }`, {}, individual.token);
    expect(
      Object.fromEntries(own.data!.vault.map((item: { key: string; value: string }) => [item.key, item.value])),
    ).toEqual(VAULT);
  });

  it('discloses nothing at broadcast by default, and only what the stage grants once terms are accepted', async () => {
    await setPolicy(stack, individual, intent.id, { offer: ['email'], award: ['postal_address', 'phone'] });
    const atBroadcast = await stack.gql(READ_INTENT, { id: intent.id }, onlyMatched.token);
    expect(atBroadcast.errors).toBeUndefined();
    expect(atBroadcast.data!.intent.disclosedItems).toEqual([]);

    const offerId = await makeOffer(stack, winner, intent, '900');
    await makeOffer(stack, loser, intent, '950');
    const beforeTerms = await stack.gql(READ_INTENT, { id: intent.id }, winner.token);
    expect(beforeTerms.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(beforeTerms.errors?.[0]?.message).toMatch(/privacy terms/);
    expect(await logRows(winner)).toEqual([
      expect.objectContaining({ item_keys: ['email'], outcome: 'denied', detail: 'terms_not_accepted' }),
    ]);

    for (const vendor of [winner, loser]) await acceptTerms(stack, vendor, intent.id);
    const atOffer = await stack.gql(READ_INTENT, { id: intent.id }, winner.token);
    expect(atOffer.data!.intent.disclosedItems).toEqual([
      { key: 'email', value: VAULT.email, sensitivity: 'CONTACT', stage: 'OFFER' },
    ]);
    const loserAtOffer = await stack.gql(READ_INTENT, { id: intent.id }, loser.token);
    expect(loserAtOffer.data!.intent.disclosedItems.map((item: { key: string }) => item.key)).toEqual(['email']);
    expect(await stack.gql(READ_INTENT, { id: intent.id }, individual.token)).toMatchObject({
      data: { intent: { disclosedItems: null } },
    });

    const engagement = await award(stack, individual, intent.id, offerId);
    ids = { intent: intent.id, engagement, offer: offerId };
    // The award made the winner's award-stage grant in the same transaction: its receipt exists already.
    const grants = await stack.dataSource.query(
      `SELECT stage, item_keys FROM disclosure_grants WHERE vendor_id = $1 AND ended_at IS NULL ORDER BY stage`,
      [winner.vendorId],
    );
    expect(grants).toEqual([
      { stage: 'award', item_keys: ['phone', 'postal_address'] },
      { stage: 'offer', item_keys: ['email'] },
    ]);
    // The losing vendor's offer-stage grant lapsed with the award.
    expect(
      await stack.dataSource.query(`SELECT stage, end_reason FROM disclosure_grants WHERE vendor_id = $1`, [
        loser.vendorId,
      ]),
    ).toEqual([{ stage: 'offer', end_reason: 'lapsed' }]);
  });

  it('shows a partially granted vendor exactly its items through every schema path, one log row per read', async () => {
    const introspection = await stack.gql(getIntrospectionQuery(), {}, winner.token);
    const schema = buildClientSchema(introspection.data as never);
    const paths = pathsToPersonalData(schema);
    const fieldsReached = new Set(paths.map((path) => pathName({ ...path, fields: path.fields.slice(-1) })));
    expect([...fieldsReached].sort()).toEqual(['disclosedItems']);
    const succeeded = new Set<string>();
    const problems: string[] = [];
    for (const path of paths) {
      const before = (await logRows(winner)).length;
      const result = await stack.gql(queryFor(path, ids), {}, winner.token);
      const lists = findItemLists(result.data);
      const added = (await logRows(winner)).slice(before);
      if (result.errors) {
        // Roots the vendor may not use (an individual's lists): nothing may leak, nothing is read.
        if (lists.some((list) => list.length > 0) || added.length > 0 || result.errors[0].path?.length !== 1) {
          problems.push(`${pathName(path)}: ${JSON.stringify(result.errors)}`);
        }
        continue;
      }
      succeeded.add(path.root);
      const keys = lists.map((list) => (list as Array<{ key: string }>).map((item) => item.key));
      if (lists.length !== 1 || JSON.stringify(keys[0]) !== JSON.stringify(GRANTED)) {
        problems.push(`${pathName(path)} returned ${JSON.stringify(keys)}`);
      }
      for (const item of lists[0] as Array<{ key: keyof typeof VAULT; value: string }>) {
        if (item.value !== VAULT[item.key]) problems.push(`${pathName(path)}: wrong value for ${item.key}`);
      }
      // Exactly one log row for the read, naming exactly the returned items.
      if (
        added.length !== 1 ||
        JSON.stringify(added[0].item_keys) !== JSON.stringify(GRANTED) ||
        added[0].outcome !== 'read'
      ) {
        problems.push(`${pathName(path)} logged ${JSON.stringify(added)}`);
      }
    }
    expect(problems).toEqual([]);
    expect([...succeeded].sort()).toEqual(
      expect.arrayContaining(['engagement', 'feed', 'intent', 'myEngagements', 'myOffers', 'offer']),
    );
    expect(paths.length).toBeGreaterThanOrEqual(10);

    // The vendor that lost and the one only matched are past or outside any stage: nothing, nothing logged.
    for (const vendor of [loser, onlyMatched]) {
      const before = (await logRows(vendor)).length;
      const result = await stack.gql(READ_INTENT, { id: intent.id }, vendor.token);
      expect(result.data!.intent.disclosedItems).toEqual([]);
      expect((await logRows(vendor)).length).toBe(before);
    }
  });

  it('lists the data-use log for the individual, filtered by vendor or intent; the log is append-only', async () => {
    const page = await stack.gql(
      `query($vendorId: ID) { dataUseLog(first: 100, vendorId: $vendorId) {
          nodes { vendor { id } intent { id } itemKeys outcome detail accessPath purpose } } }`,
      { vendorId: winner.vendorId },
      individual.token,
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.dataUseLog.nodes;
    expect(nodes.length).toBe((await logRows(winner)).length);
    expect(nodes.every((node: { vendor: { id: string } }) => node.vendor.id === winner.vendorId)).toBe(true);
    expect(new Set(nodes.map((node: { accessPath: string }) => node.accessPath))).toEqual(
      new Set(['Intent.disclosedItems', 'Engagement.disclosedItems']),
    );
    const byIntent = await stack.gql(
      `query($intentId: ID) { dataUseLog(first: 5, intentId: $intentId) { nodes { intent { id } } pageInfo { hasNextPage endCursor } } }`,
      { intentId: intent.id },
      individual.token,
    );
    expect(byIntent.data!.dataUseLog.nodes).toHaveLength(5);
    expect(byIntent.data!.dataUseLog.pageInfo.hasNextPage).toBe(true);
    // Vendors cannot list an individual's log.
    expect(
      (await stack.gql(`{ dataUseLog(first: 5) { nodes { id } } }`, {}, winner.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    await expect(stack.dataSource.query(`UPDATE data_use_log SET purpose = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.dataSource.query(`DELETE FROM data_use_log`)).rejects.toThrow(/append-only/);
    await expect(stack.dataSource.query(`TRUNCATE data_use_log`)).rejects.toThrow(/append-only|cannot truncate/);
    await expect(stack.dataSource.query(`DELETE FROM consent_receipts`)).rejects.toThrow(/append-only/);
  });

  it('issues one consent receipt per grant, valid against docs/consent-receipt.schema.json', async () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'consent-receipt.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const result = await stack.gql(
      `{ disclosureGrants(first: 50) { nodes { id stage itemKeys vendor { id name } receipt { id grantId document } } } }`,
      {},
      individual.token,
    );
    expect(result.errors).toBeUndefined();
    const grants = result.data!.disclosureGrants.nodes;
    expect(grants.length).toBe(3);
    for (const grant of grants) {
      const receipt = grant.receipt.document;
      expect([grant.id, validate(receipt), validate.errors]).toEqual([grant.id, true, null]);
      expect(receipt.consentReceiptID).toBe(grant.receipt.id);
      expect(receipt.piiPrincipalId).toBe(individual.accountId);
      expect(receipt.piiControllers[0].piiController).toBe(grant.vendor.name);
      expect(receipt['x-intentcast']).toMatchObject({
        grantId: grant.id,
        itemKeys: grant.itemKeys,
        stage: grant.stage.toLowerCase(),
      });
      expect(receipt.services[0].purposes[0].thirdPartyDisclosure).toBe(false);
      // A receipt names categories, never values.
      for (const value of Object.values(VAULT)) expect(JSON.stringify(receipt)).not.toContain(value);
    }
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM disclosure_grants g WHERE NOT EXISTS (SELECT 1 FROM consent_receipts r WHERE r.grant_id = g.id)`,
    );
    expect(n).toBe(0);
    const receipts = await stack.gql(`{ consentReceipts(first: 50) { nodes { id document } } }`, {}, individual.token);
    expect(receipts.data!.consentReceipts.nodes).toHaveLength(grants.length);
    const one = await stack.gql(
      `query($id: ID!) { consentReceipt(id: $id) { id } }`,
      { id: grants[0].receipt.id },
      winner.token,
    );
    expect(one.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('changes grants (with new receipts) when the policy changes, for vendors already at the stage', async () => {
    await setPolicy(stack, individual, intent.id, { offer: ['email'], award: ['postal_address'] });
    const result = await stack.gql(READ_INTENT, { id: intent.id }, winner.token);
    expect(result.data!.intent.disclosedItems.map((item: { key: string }) => item.key)).toEqual([
      'email',
      'postal_address',
    ]);
    const superseded = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM disclosure_grants WHERE vendor_id = $1 AND end_reason = 'superseded'`,
      [winner.vendorId],
    );
    expect(superseded[0].n).toBe(1);
    await setPolicy(stack, individual, intent.id, { offer: ['email'], award: ['postal_address', 'phone'] });
  });

  it('refuses, and logs, every read after the individual revokes a grant', async () => {
    const grants = await stack.gql(
      `query($vendorId: ID) { disclosureGrants(first: 10, vendorId: $vendorId) { nodes { id stage endedAt } } }`,
      { vendorId: winner.vendorId },
      individual.token,
    );
    const active = grants.data!.disclosureGrants.nodes.find((grant: { endedAt: string | null }) => !grant.endedAt);
    const revoked = await stack.gql(
      `mutation($id: ID!) { revokeDisclosureGrant(id: $id) { id endReason revokedAt } }`,
      { id: active.id },
      individual.token,
    );
    expect(revoked.data!.revokeDisclosureGrant).toMatchObject({ endReason: 'revoked', revokedAt: expect.any(String) });
    const stillActive = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM disclosure_grants WHERE vendor_id = $1 AND ended_at IS NULL`,
      [winner.vendorId],
    );
    expect(stillActive[0].n).toBe(0);

    for (const query of [READ_INTENT, `query($id: ID!) { engagement(id: $id) { disclosedItems { key value } } }`]) {
      const before = (await logRows(winner)).length;
      const variables = query === READ_INTENT ? { id: intent.id } : { id: ids.engagement };
      const result = await stack.gql(query, variables, winner.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toContain(VAULT.phone);
      const added = (await logRows(winner)).slice(before);
      expect(added).toEqual([expect.objectContaining({ outcome: 'denied', detail: 'revoked' })]);
    }
    // A policy change does not bring a revoked vendor back.
    await setPolicy(stack, individual, intent.id, {
      offer: ['email'],
      award: ['postal_address', 'phone', 'legal_name'],
    });
    expect((await stack.gql(READ_INTENT, { id: intent.id }, winner.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Someone else's grant cannot be revoked.
    const stranger = await signUp(stack, 'INDIVIDUAL', 'Stranger');
    const theirs = await stack.gql(
      `mutation($id: ID!) { revokeDisclosureGrant(id: $id) { id } }`,
      { id: active.id },
      stranger.token,
    );
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("refuses other people's records and bad input with typed errors, writing nothing", async () => {
    const nosy = await signUp(stack, 'INDIVIDUAL', 'Nosy Neighbour');
    const farVendor = await vendorWithProfile(stack, 'Far Away Removals', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...BRISTOL, radiusKm: 20 },
    });
    const tables = [
      'vault_items',
      'disclosure_policies',
      'intent_privacy_terms',
      'privacy_terms_acceptances',
      'disclosure_grants',
      'consent_receipts',
      'data_use_log',
    ];
    const before = await snapshotTables(stack.dataSource, tables);
    const receiptId = (await stack.dataSource.query(`SELECT id FROM consent_receipts LIMIT 1`))[0].id;
    const code = async (query: string, variables: Record<string, unknown>, actor?: Actor) => {
      const result = await stack.gql(query, variables, actor?.token);
      return [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.field ?? null];
    };
    const policy = `mutation($id: ID!, $input: DisclosurePolicyInput!) { setDisclosurePolicy(intentId: $id, input: $input) { award } }`;
    const terms = `mutation($id: ID!) { setPrivacyTerms(intentId: $id, input: { noMarketing: false, noResale: false, retentionDays: 1 }) { version } }`;
    const accept = `mutation($id: ID!) { acceptPrivacyTerms(intentId: $id) { version } }`;
    const vaultSet = `mutation($input: SetVaultItemInput!) { setVaultItem(input: $input) { key } }`;
    expect(await code(policy, { id: intent.id, input: { award: ['phone'] } }, nosy)).toEqual(['NOT_FOUND', null]);
    expect(await code(policy, { id: intent.id, input: { award: ['phone'] } }, winner)).toEqual(['FORBIDDEN', null]);
    expect(await code(policy, { id: intent.id, input: { award: ['phone'] } })).toEqual(['UNAUTHENTICATED', null]);
    expect(await code(terms, { id: intent.id }, nosy)).toEqual(['NOT_FOUND', null]);
    expect(await code(accept, { id: intent.id }, farVendor)).toEqual(['NOT_FOUND', null]);
    expect(await code(`query($id: ID!) { consentReceipt(id: $id) { id } }`, { id: receiptId }, nosy)).toEqual([
      'NOT_FOUND',
      null,
    ]);
    expect(await code(vaultSet, { input: { key: 'phone', value: '+44 7700 900000' } }, winner)).toEqual([
      'FORBIDDEN',
      null,
    ]);
    expect(
      await code(`query($id: ID!) { intent(id: $id) { disclosedItems { key } } }`, { id: intent.id }, farVendor),
    ).toEqual(['NOT_FOUND', null]);
    // Bad input names the field and the rule.
    expect(await code(vaultSet, { input: { key: 'passport', value: 'X' } }, individual)).toEqual([
      'BAD_USER_INPUT',
      'input.key',
    ]);
    expect(await code(vaultSet, { input: { key: 'email', value: 'nope' } }, individual)).toEqual([
      'BAD_USER_INPUT',
      'input.value',
    ]);
    expect(await code(policy, { id: intent.id, input: { award: ['phone', 'Not A Key'] } }, individual)).toEqual([
      'BAD_USER_INPUT',
      'input.award.1',
    ]);
    const missing = await stack.gql(
      policy,
      { id: intent.id, input: { offer: ['custom.shoe_size'] } },
      individual.token,
    );
    expect(missing.errors?.[0]).toMatchObject({
      message: 'custom.shoe_size is not in your vault',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.offer' },
    });
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);
  });
});

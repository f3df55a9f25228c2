import { randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { type Actor, BRISTOL, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { idTakingRootFields, idsGiven } from './support/id-arguments';
import { type LiveSubscription, subscribe } from './support/live';
import { acceptTerms, fillVault, setPolicy } from './support/privacy-fixtures';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

type Role = 'owner' | 'otherIndividual' | 'otherVendor' | 'anonymous';

/*
 * Every Query, Mutation and Subscription field that takes an id (as an argument, or inside an input)
 * has a row here saying who may call it with the owner's ids: the last test fails, naming the field,
 * when one has none (the schema is read from the running API).
 */

interface Operation {
  name: string;
  /** Who owns the record: the individual who posted, or the vendor who offered. */
  ownerRole: 'individual' | 'vendor';
  document: string;
  variables: (ids: Ids) => Record<string, unknown>;
  /**
   * Who may call it: the owner only (the default); any signed-in account (a public record); or
   * nobody, the owner included (the ids name records the operation must never take over).
   */
  allowed?: 'owner' | 'signedIn' | 'nobody';
  /** An error code that also counts as a refusal for this row (e.g. BAD_USER_INPUT for `nobody`). */
  refusedAs?: string;
  /**
   * A list scoped to the caller, filtered by the owner's ids: others get their own (empty) list rather
   * than an error, so a refusal is an answer holding none of the owner's records. Counts the records;
   * the owner must get at least one.
   */
  records?: (data: Record<string, any>) => number;
}

/** A subscription filtered by the owner's id: the owner gets events, nobody else ever does. */
interface LiveOperation {
  name: string;
  document: string;
  variables: (ids: Ids) => Record<string, unknown>;
}

interface Ids {
  openIntent: string;
  draftIntent: string;
  awardedIntent: string;
  component: string;
  offer: string;
  engagement: string;
  apiToken: string;
  vendorApiToken: string;
  webhookEndpoint: string;
  /** Deleted by the owner's deleteWebhookEndpoint row, so the other rows keep theirs. */
  spareWebhookEndpoint: string;
  webhookDelivery: string;
  vendor: string;
  disclosureGrant: string;
  consentReceipt: string;
}

const terms = (componentId: string) => ({
  currency: 'GBP',
  validUntil: inDays(5),
  lines: [{ componentId, amount: '100' }],
});

const OPERATIONS: Operation[] = [
  {
    name: 'intent',
    ownerRole: 'individual',
    document: `query($id: ID!) { intent(id: $id) { id title } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'intent.offers',
    ownerRole: 'individual',
    document: `query($id: ID!) { intent(id: $id) { offers(first: 5) { nodes { id } } } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'intent.offerComparison',
    ownerRole: 'individual',
    document: `query($id: ID!) { intent(id: $id) { offerComparison { bundles { price { amount } } } } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'offer',
    ownerRole: 'vendor',
    document: `query($id: ID!) { offer(id: $id) { id current { total { amount } } } }`,
    variables: (ids) => ({ id: ids.offer }),
  },
  {
    name: 'offer.versions',
    ownerRole: 'vendor',
    document: `query($id: ID!) { offer(id: $id) { versions(first: 5) { nodes { version } } } }`,
    variables: (ids) => ({ id: ids.offer }),
  },
  {
    name: 'engagement',
    ownerRole: 'individual',
    document: `query($id: ID!) { engagement(id: $id) { id total { amount } } }`,
    variables: (ids) => ({ id: ids.engagement }),
  },
  {
    name: 'updateIntent',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { updateIntent(id: $id, input: { title: "Hijacked" }) { id } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'publishIntent',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { publishIntent(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.draftIntent }),
  },
  {
    name: 'withdrawIntent',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { withdrawIntent(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'makeOffer',
    ownerRole: 'vendor',
    document: `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
    variables: (ids) => ({ input: { intentId: ids.openIntent, ...terms(ids.component) } }),
  },
  {
    name: 'reviseOffer',
    ownerRole: 'vendor',
    document: `mutation($id: ID!, $input: OfferTermsInput!) { reviseOffer(id: $id, input: $input) { id } }`,
    variables: (ids) => ({ id: ids.offer, input: terms(ids.component) }),
  },
  {
    name: 'withdrawOffer',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { withdrawOffer(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.offer }),
  },
  {
    name: 'declineIntent',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { declineIntent(intentId: $id) { intent { id } declinedAt } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'awardOffers',
    ownerRole: 'individual',
    document: `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { intent { id } } }`,
    variables: (ids) => ({ input: { intentId: ids.openIntent, selections: [{ offerId: ids.offer }] } }),
  },
  {
    name: 'revokeApiToken (individual)',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.apiToken }),
  },
  {
    name: 'revokeApiToken (vendor)',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.vendorApiToken }),
  },
  {
    name: 'updateWebhookEndpoint',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: true }) { id url } }`,
    variables: (ids) => ({ id: ids.webhookEndpoint }),
  },
  {
    name: 'rotateWebhookSecret',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
    variables: (ids) => ({ id: ids.webhookEndpoint }),
  },
  {
    name: 'webhookDeliveries',
    ownerRole: 'vendor',
    document: `query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { id intentId attempts { number } } } }`,
    variables: (ids) => ({ id: ids.webhookEndpoint }),
  },
  {
    name: 'redeliverWebhook',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`,
    variables: (ids) => ({ id: ids.webhookDelivery }),
  },
  {
    name: 'deleteWebhookEndpoint',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.spareWebhookEndpoint }),
  },
  {
    name: 'vendor (a public profile)',
    ownerRole: 'vendor',
    allowed: 'signedIn',
    document: `query($id: ID!) { vendor(id: $id) { id name } }`,
    variables: (ids) => ({ id: ids.vendor }),
  },
  {
    name: 'createIntent (taking over an existing component)',
    ownerRole: 'individual',
    allowed: 'nobody',
    refusedAs: 'BAD_USER_INPUT',
    document: `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
    variables: (ids) => ({
      input: {
        title: 'Removals',
        categoryCode: 'moving.removals',
        location: LEEDS,
        components: [{ id: ids.component, title: 'Removals' }],
      },
    }),
  },
  {
    name: 'setSolutionConstraints',
    ownerRole: 'individual',
    document: `mutation($id: ID!, $vendorId: ID!) {
      setSolutionConstraints(intentId: $id, input: { maxVendors: 2, excludedVendorIds: [$vendorId] }) { id }
    }`,
    variables: (ids) => ({ id: ids.openIntent, vendorId: ids.vendor }),
  },
  {
    name: 'acceptSolution',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { acceptSolution(intentId: $id) { intent { id } } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'setDisclosurePolicy',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { setDisclosurePolicy(intentId: $id, input: { broadcast: ["email"] }) { broadcast } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'setPrivacyTerms',
    ownerRole: 'individual',
    document: `mutation($id: ID!) {
      setPrivacyTerms(intentId: $id, input: { noMarketing: true, noResale: true, retentionDays: 30 }) { version }
    }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'acceptPrivacyTerms',
    ownerRole: 'vendor',
    document: `mutation($id: ID!) { acceptPrivacyTerms(intentId: $id) { version acceptedByMe } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'disclosureGrants (by intent and vendor)',
    ownerRole: 'individual',
    document: `query($intentId: ID, $vendorId: ID) {
      disclosureGrants(first: 10, intentId: $intentId, vendorId: $vendorId) { nodes { id itemKeys } }
    }`,
    variables: (ids) => ({ intentId: ids.openIntent, vendorId: ids.vendor }),
    records: (data) => data.disclosureGrants.nodes.length,
  },
  {
    name: 'dataUseLog (by intent and vendor)',
    ownerRole: 'individual',
    document: `query($intentId: ID, $vendorId: ID) {
      dataUseLog(first: 10, intentId: $intentId, vendorId: $vendorId) { nodes { id itemKeys } }
    }`,
    variables: (ids) => ({ intentId: ids.openIntent, vendorId: ids.vendor }),
    records: (data) => data.dataUseLog.nodes.length,
  },
  {
    name: 'consentReceipt',
    ownerRole: 'individual',
    document: `query($id: ID!) { consentReceipt(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.consentReceipt }),
  },
  {
    name: 'revokeDisclosureGrant',
    ownerRole: 'individual',
    document: `mutation($id: ID!) { revokeDisclosureGrant(id: $id) { id revokedAt } }`,
    variables: (ids) => ({ id: ids.disclosureGrant }),
  },
];

const LIVE_OPERATIONS: LiveOperation[] = [
  {
    name: 'offerReceived',
    document: `subscription($id: ID) { offerReceived(intentId: $id) { id } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
  {
    name: 'solutionsUpdated',
    document: `subscription($id: ID) { solutionsUpdated(intentId: $id) { id } }`,
    variables: (ids) => ({ id: ids.openIntent }),
  },
];

const ROLES: Role[] = ['owner', 'otherIndividual', 'otherVendor', 'anonymous'];

/** The roles a row lets through: the owner; every signed-in account; or nobody. */
const allowedRoles = (operation: Operation): Role[] => {
  switch (operation.allowed ?? 'owner') {
    case 'owner':
      return ['owner'];
    case 'signedIn':
      return ['owner', 'otherIndividual', 'otherVendor'];
    case 'nobody':
      return [];
  }
};

const refusedRoles = (operation: Operation): Role[] => ROLES.filter((role) => !allowedRoles(operation).includes(role));

const DENIED = new Set(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);

describe('authorisation matrix', () => {
  let stack: TestStack;
  let individual: Actor;
  let vendor: Actor;
  let otherIndividual: Actor;
  let otherVendor: Actor;
  let ids: Ids;
  let webhookReceiver: Server;

  beforeAll(async () => {
    // The vendor's webhook endpoint: a loopback receiver answering 204 to everything.
    webhookReceiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => webhookReceiver.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(webhookReceiver.address() as AddressInfo).port}/hook`;
    stack = await startTestStack({ worker: true, env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
    individual = await signUp(stack, 'INDIVIDUAL', 'Owner');
    otherIndividual = await signUp(stack, 'INDIVIDUAL', 'Nosy Neighbour');
    vendor = await vendorWithProfile(stack, 'Matched Vendor', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 50 },
    });
    // Same trade, but its area does not reach Leeds: never matched (sealed offers between matched rivals are
    // covered by the journey test).
    otherVendor = await vendorWithProfile(stack, 'Rival Vendor', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...BRISTOL, radiusKm: 50 },
    });
    const endpoint = async () =>
      (
        await stack.gql(
          `mutation($url: String!) { createWebhookEndpoint(input: { url: $url }) { endpoint { id } } }`,
          { url: webhookUrl },
          vendor.token,
        )
      ).data!.createWebhookEndpoint.endpoint.id as string;
    const webhookEndpoint = await endpoint();
    const spareWebhookEndpoint = await endpoint();

    const create = async (publish: boolean) => {
      const result = await stack.gql(
        `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
        {
          input: {
            title: 'Removals',
            categoryCode: 'moving.removals',
            location: LEEDS,
            expiresAt: inDays(10),
            publish,
          },
        },
        individual.token,
      );
      return result.data!.createIntent as { id: string; components: Array<{ id: string }> };
    };
    const open = await create(true);
    const awarded = await create(true);
    const draft = await create(false);
    const offerOn = async (intent: { id: string; components: Array<{ id: string }> }) => {
      await waitFor(
        async () =>
          !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intent.id }, vendor.token)).errors,
      );
      const made = await stack.gql(
        `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
        { input: { intentId: intent.id, ...terms(intent.components[0].id) } },
        vendor.token,
      );
      return made.data!.makeOffer.id as string;
    };
    const offer = await offerOn(open);
    const wonOffer = await offerOn(awarded);
    const award = await stack.gql(
      `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { engagements { id } } }`,
      { input: { intentId: awarded.id, selections: [{ offerId: wonOffer }] } },
      individual.token,
    );
    const token = async (actor: Actor) =>
      (await stack.gql(`mutation { createApiToken(input: { name: "ci" }) { apiToken { id } } }`, {}, actor.token)).data!
        .createApiToken.apiToken.id;
    // The open intent discloses the owner's email to the matched vendor, which reads it (logged).
    await fillVault(stack, individual, { email: 'owner@example.test' });
    await setPolicy(stack, individual, open.id, { broadcast: ['email'] });
    await acceptTerms(stack, vendor, open.id);
    const read = await stack.gql(
      `query($id: ID!) { intent(id: $id) { disclosedItems { key } } }`,
      { id: open.id },
      vendor.token,
    );
    expect(read.data?.intent.disclosedItems).toEqual([{ key: 'email' }]);
    const grants = await stack.gql(
      `query($id: ID) { disclosureGrants(first: 5, intentId: $id) { nodes { id receipt { id } } } }`,
      { id: open.id },
      individual.token,
    );
    const [grant] = grants.data!.disclosureGrants.nodes;
    ids = {
      openIntent: open.id,
      draftIntent: draft.id,
      awardedIntent: awarded.id,
      component: open.components[0].id,
      offer,
      engagement: award.data!.awardOffers.engagements[0].id,
      apiToken: await token(individual),
      vendorApiToken: await token(vendor),
      webhookEndpoint,
      spareWebhookEndpoint,
      webhookDelivery: await waitFor(async () => {
        const [row] = await stack.dataSource.query(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 LIMIT 1`, [
          webhookEndpoint,
        ]);
        return row?.id as string | undefined;
      }),
      vendor: vendor.vendorId!,
      disclosureGrant: grant.id,
      consentReceipt: grant.receipt.id,
    };
  });

  afterAll(async () => {
    await stack.close();
    await new Promise<void>((resolve) => webhookReceiver.close(() => resolve()));
  });

  const tokenOf = (role: Role, ownerRole: 'individual' | 'vendor') => {
    switch (role) {
      case 'owner':
        return ownerRole === 'individual' ? individual.token : vendor.token;
      case 'otherIndividual':
        return otherIndividual.token;
      case 'otherVendor':
        return otherVendor.token;
      case 'anonymous':
        return undefined;
    }
  };

  it('has a row for every Query, Mutation and Subscription field that takes an id', async () => {
    const introspection = await stack.gql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    const schema = buildClientSchema(introspection.data as any);
    const idTaking = idTakingRootFields(schema);
    expect(idTaking.map((field) => field.name)).toEqual(
      expect.arrayContaining(['Query.intent', 'Mutation.awardOffers']),
    );
    // A row covers a field when its document calls the field and gives it at least one id.
    const covered = new Set(
      [...OPERATIONS, ...LIVE_OPERATIONS].flatMap((operation) =>
        idsGiven(schema, operation.document, operation.variables(ids))
          .filter((call) => call.idPaths.length > 0)
          .map((call) => call.name),
      ),
    );
    const missing = idTaking
      .filter((field) => !covered.has(field.name))
      .map((field) => `${field.name} (${field.idPaths.join(', ')}) is not in the authorisation matrix`);
    expect(missing).toEqual([]);
  });

  it('denies every id-taking operation to everyone the matrix does not allow, leaking nothing and writing nothing', async () => {
    await stack.settle();
    const tables = await applicationTables(stack.dataSource);
    const before = await snapshotTables(stack.dataSource, tables);
    const outcomes: string[] = [];
    for (const operation of OPERATIONS) {
      const refusals = new Set([...DENIED, ...(operation.refusedAs ? [operation.refusedAs] : [])]);
      for (const role of refusedRoles(operation)) {
        const result = await stack.gql(
          operation.document,
          operation.variables(ids),
          tokenOf(role, operation.ownerRole),
        );
        const code = result.errors?.[0]?.extensions?.code;
        const refused = Boolean(result.errors) && refusals.has(String(code));
        // Leaks: any data at all, or an error other than a refusal. A scoped list may answer instead of
        // refusing, but with none of the owner's records.
        const leaked = operation.records
          ? (result.data ? operation.records(result.data) > 0 : false) || (Boolean(result.errors) && !refused)
          : Boolean(result.data && Object.values(result.data).some((value) => value !== null)) || !refused;
        if (leaked) outcomes.push(`${operation.name} as ${role}: ${JSON.stringify(result)}`);
        if (role === 'anonymous' && code !== 'UNAUTHENTICATED')
          outcomes.push(`${operation.name} anonymous answered ${code}`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);
  });

  it('answers a record you may not see exactly like one that does not exist', async () => {
    for (const operation of OPERATIONS.filter((op) =>
      ['intent', 'offer', 'engagement', 'consentReceipt'].includes(op.name),
    )) {
      const hidden = await stack.gql(operation.document, operation.variables(ids), otherIndividual.token);
      const missing = await stack.gql(operation.document, { id: randomUUID() }, otherIndividual.token);
      expect(hidden.errors).toEqual(missing.errors);
      expect(hidden.data).toEqual(missing.data);
    }
  });

  it('tells only the owner of live events on their intent, whoever else subscribes to it by id', async () => {
    const subscriptions: Array<{ operation: string; role: Role; live: LiveSubscription }> = [];
    for (const operation of LIVE_OPERATIONS) {
      for (const role of ROLES) {
        const token = tokenOf(role, 'individual') ?? null;
        subscriptions.push({
          operation: operation.name,
          role,
          live: subscribe(stack.wsUrl, token, operation.document, operation.variables(ids)),
        });
      }
    }
    try {
      const signedIn = subscriptions.filter((s) => s.role !== 'anonymous');
      await Promise.all(signedIn.map((s) => s.live.connected));
      for (const s of subscriptions.filter((s) => s.role === 'anonymous')) {
        await expect(s.live.connected).rejects.toMatchObject({ code: 4403 });
      }
      // The vendor revises its offer: the owner is told of the offer and of the recomputed solutions.
      const revised = await stack.gql(
        `mutation($id: ID!, $input: OfferTermsInput!) { reviseOffer(id: $id, input: $input) { id } }`,
        { id: ids.offer, input: { ...terms(ids.component), lines: [{ componentId: ids.component, amount: '95' }] } },
        vendor.token,
      );
      expect(revised.errors).toBeUndefined();
      for (const s of signedIn.filter((s) => s.role === 'owner')) await s.live.waitForEvents(1);
      await stack.settle();
      const others = signedIn
        .filter((s) => s.role !== 'owner')
        .map((s) => [s.operation, s.role, s.live.events, s.live.errors.map((e: any) => e.extensions?.code)]);
      expect(others).toEqual(
        LIVE_OPERATIONS.flatMap((operation) => [
          [operation.name, 'otherIndividual', [], []],
          [operation.name, 'otherVendor', [], ['FORBIDDEN']],
        ]),
      );
    } finally {
      await Promise.all(subscriptions.map((s) => s.live.close()));
    }
  });

  it('lets each owner (and whoever else a row allows) do what the others could not', async () => {
    for (const operation of OPERATIONS) {
      for (const role of allowedRoles(operation)) {
        const result = await stack.gql(
          operation.document,
          operation.variables(ids),
          tokenOf(role, operation.ownerRole),
        );
        // Owners may still meet business rules (e.g. an offer withdrawn by an earlier row), but never a
        // denial; a scoped list shows the owner their records.
        const code = result.errors?.[0]?.extensions?.code;
        const outcome = DENIED.has(String(code))
          ? code
          : operation.records && (result.errors || operation.records(result.data!) === 0)
            ? `no records: ${JSON.stringify(result)}`
            : 'allowed';
        expect([operation.name, role, outcome]).toEqual([operation.name, role, 'allowed']);
      }
    }
  });
});

import { randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, BRISTOL, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

type Role = 'owner' | 'otherIndividual' | 'otherVendor' | 'anonymous';

interface Operation {
  name: string;
  /** Who owns the record: the individual who posted, or the vendor who offered. */
  ownerRole: 'individual' | 'vendor';
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
];

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

  it('denies every id-taking operation to everyone but the owner, leaking nothing and writing nothing', async () => {
    await stack.settle();
    const tables = await applicationTables(stack.dataSource);
    const before = await snapshotTables(stack.dataSource, tables);
    const outcomes: string[] = [];
    for (const operation of OPERATIONS) {
      for (const role of ['otherIndividual', 'otherVendor', 'anonymous'] as Role[]) {
        const result = await stack.gql(
          operation.document,
          operation.variables(ids),
          tokenOf(role, operation.ownerRole),
        );
        const code = result.errors?.[0]?.extensions?.code;
        // Leaks: any data at all, or an error other than "denied".
        const leaked =
          (result.data && Object.values(result.data).some((value) => value !== null)) || !DENIED.has(String(code));
        if (leaked) outcomes.push(`${operation.name} as ${role}: ${JSON.stringify(result)}`);
        if (role === 'anonymous' && code !== 'UNAUTHENTICATED')
          outcomes.push(`${operation.name} anonymous answered ${code}`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);
  });

  it('answers a record you may not see exactly like one that does not exist', async () => {
    for (const operation of OPERATIONS.filter(
      (op) => op.name === 'intent' || op.name === 'offer' || op.name === 'engagement',
    )) {
      const hidden = await stack.gql(operation.document, operation.variables(ids), otherIndividual.token);
      const missing = await stack.gql(operation.document, { id: randomUUID() }, otherIndividual.token);
      expect(hidden.errors).toEqual(missing.errors);
      expect(hidden.data).toEqual(missing.data);
    }
  });

  it('lets each owner do what the others could not', async () => {
    for (const operation of OPERATIONS) {
      const result = await stack.gql(
        operation.document,
        operation.variables(ids),
        tokenOf('owner', operation.ownerRole),
      );
      // Owners may still meet business rules (e.g. an offer withdrawn by an earlier row), but never a denial.
      const code = result.errors?.[0]?.extensions?.code;
      expect([operation.name, DENIED.has(String(code)) ? code : 'allowed']).toEqual([operation.name, 'allowed']);
    }
  });
});

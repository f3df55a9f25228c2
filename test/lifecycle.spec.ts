import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { subscribe } from './support/live';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const CREATE = `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id status components { id } } }`;
const STATUS = `query($id: ID!) { intent(id: $id) { status closedAt } }`;

describe('intent lifecycle', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      env: { EXPIRY_INTERVAL_MS: '200', INTENT_DEFAULT_EXPIRY_DAYS: '12' },
    });
  });

  afterAll(async () => {
    await stack.close();
  });

  /** An open intent for removals in Leeds that expires `ms` from now. */
  async function removalsExpiringIn(owner: Actor, title: string, ms: number) {
    const created = await stack.gql(
      CREATE,
      {
        input: {
          title,
          categoryCode: 'moving.removals',
          location: LEEDS,
          expiresAt: new Date(Date.now() + ms).toISOString(),
        },
      },
      owner.token,
    );
    return created.data!.createIntent;
  }

  it('keeps drafts private, opens them on publish, and withdraws', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Drafter');
    const vendor = await vendorWithProfile(stack, 'Draft Watcher', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    const draft = await stack.gql(
      CREATE,
      {
        input: {
          title: 'Draft move',
          categoryCode: 'moving.removals',
          location: LEEDS,
          expiresAt: inDays(5),
          publish: false,
        },
      },
      owner.token,
    );
    const id = draft.data!.createIntent.id;
    expect(draft.data!.createIntent.status).toBe('DRAFT');

    const edited = await stack.gql(
      `mutation($id: ID!) { updateIntent(id: $id, input: { components: [{ title: "Van" }, { title: "Packing", optional: true }] }) { components { title optional } } }`,
      { id },
      owner.token,
    );
    expect(edited.data!.updateIntent.components).toEqual([
      { title: 'Van', optional: false },
      { title: 'Packing', optional: true },
    ]);
    expect((await stack.gql(STATUS, { id }, vendor.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const published = await stack.gql(
      `mutation($id: ID!) { publishIntent(id: $id) { status openedAt } }`,
      { id },
      owner.token,
    );
    expect(published.data!.publishIntent.status).toBe('OPEN');
    await waitFor(async () => !(await stack.gql(STATUS, { id }, vendor.token)).errors);

    // Open, its components can still change: listed by id a component is kept, an unknown id is refused.
    const current = await stack.gql(`query($id: ID!) { intent(id: $id) { components { id } } }`, { id }, owner.token);
    const [van] = current.data!.intent.components;
    const foreign = await stack.gql(
      `mutation($id: ID!, $other: ID!) { updateIntent(id: $id, input: { components: [{ id: $other, title: "Van" }] }) { id } }`,
      { id, other: id },
      owner.token,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.components.0.id' });
    const kept = await stack.gql(
      `mutation($id: ID!, $van: ID!) { updateIntent(id: $id, input: { components: [{ id: $van, title: "Large van" }] }) { components { id title } } }`,
      { id, van: van.id },
      owner.token,
    );
    expect(kept.data!.updateIntent.components).toEqual([{ id: van.id, title: 'Large van' }]);

    const withdrawn = await stack.gql(
      `mutation($id: ID!) { withdrawIntent(id: $id) { status closedAt } }`,
      { id },
      owner.token,
    );
    expect(withdrawn.data!.withdrawIntent.status).toBe('WITHDRAWN');
    const again = await stack.gql(`mutation($id: ID!) { withdrawIntent(id: $id) { status } }`, { id }, owner.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('gives an intent created without expiresAt the default expiry (INTENT_DEFAULT_EXPIRY_DAYS)', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'No Deadline');
    const create = (input: Record<string, unknown>) =>
      stack.gql(
        `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id status expiresAt } }`,
        { input },
        owner.token,
      );
    const twelveDays = 12 * 24 * 3600 * 1000;
    const expectDefault = (expiresAt: string, from: number) => {
      expect(new Date(expiresAt).getTime()).toBeGreaterThanOrEqual(from + twelveDays - 1000);
      expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + twelveDays + 1000);
    };

    const before = Date.now();
    const input = {
      title: 'Whenever suits',
      categoryCode: 'moving.removals',
      location: LEEDS,
      idempotencyKey: 'no-deadline',
    };
    const omitted = await create(input);
    expect(omitted.errors).toBeUndefined();
    expect(omitted.data!.createIntent.status).toBe('OPEN');
    expectDefault(omitted.data!.createIntent.expiresAt, before);
    // A retry with the same key is the same request: the same intent, the same expiry.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await create(input)).data!.createIntent).toEqual(omitted.data!.createIntent);

    // null means the same as leaving it out; a date given is still checked.
    const withNull = await create({ title: 'Some time', location: LEEDS, expiresAt: null });
    expectDefault(withNull.data!.createIntent.expiresAt, before);
    const past = await create({
      title: 'Too late',
      location: LEEDS,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
  });

  it('expires intents automatically, and then refuses offers', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Short Notice');
    const vendor = await vendorWithProfile(stack, 'Quick Vendor', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    const intent = await removalsExpiringIn(owner, 'Need it now', 1500);
    await waitFor(
      async () => (await stack.gql(STATUS, { id: intent.id }, owner.token)).data?.intent.status === 'EXPIRED',
    );
    const offer = await stack.gql(
      `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
      {
        input: {
          intentId: intent.id,
          currency: 'GBP',
          validUntil: inDays(2),
          lines: [{ componentId: intent.components[0].id, amount: '10' }],
        },
      },
      vendor.token,
    );
    expect(['CONFLICT', 'NOT_FOUND']).toContain(offer.errors?.[0]?.extensions?.code);
  });

  it('tells the owner and the vendors when offers and intents expire', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Expiry Watcher');
    const [shortOffer, longOffer] = await Promise.all(
      ['Brief Vendor', 'Patient Vendor'].map((name) =>
        vendorWithProfile(stack, name, { categoryCodes: ['moving.removals'], serviceArea: { ...LEEDS, radiusKm: 40 } }),
      ),
    );
    const intent = await removalsExpiringIn(owner, 'Quick turnaround', 4000);
    const listen = (token: string) =>
      subscribe(stack.wsUrl, token, `subscription { notifications { type intent { id } offer { id } } }`);
    const [ownerEvents, shortEvents, longEvents] = [
      listen(owner.token),
      listen(shortOffer.token),
      listen(longOffer.token),
    ];
    try {
      await Promise.all([ownerEvents.connected, shortEvents.connected, longEvents.connected]);
      const offers: string[] = [];
      for (const [vendor, validUntil] of [
        [shortOffer, new Date(Date.now() + 1500).toISOString()],
        [longOffer, inDays(2)],
      ] as const) {
        await waitFor(async () => !(await stack.gql(STATUS, { id: intent.id }, vendor.token)).errors);
        const made = await stack.gql(
          `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
          {
            input: {
              intentId: intent.id,
              currency: 'GBP',
              validUntil,
              lines: [{ componentId: intent.components[0].id, amount: '10' }],
            },
          },
          vendor.token,
        );
        expect(made.errors).toBeUndefined();
        offers.push(made.data!.makeOffer.id);
      }
      const causedByOffers = new Set(['MATCH_CREATED', 'OFFER_RECEIVED', 'SOLUTIONS_UPDATED']);
      const expiredNotices = (events: typeof ownerEvents) =>
        events.events.filter((event) => !causedByOffers.has(event.notifications.type));
      await waitFor(
        async () => expiredNotices(ownerEvents).length > 0 && expiredNotices(longEvents).length > 0,
        15_000,
      );
      await stack.settle();
      expect(expiredNotices(ownerEvents)).toEqual([
        { notifications: { type: 'INTENT_EXPIRED', intent: { id: intent.id }, offer: null } },
      ]);
      expect(expiredNotices(shortEvents)).toEqual([
        { notifications: { type: 'OFFER_EXPIRED', intent: { id: intent.id }, offer: { id: offers[0] } } },
      ]);
      expect(expiredNotices(longEvents)).toEqual([
        { notifications: { type: 'INTENT_EXPIRED', intent: { id: intent.id }, offer: { id: offers[1] } } },
      ]);
    } finally {
      await Promise.all([ownerEvents.close(), shortEvents.close(), longEvents.close()]);
    }
  });

  it('in production hides the schema: no introspection, no field suggestions', async () => {
    const production = await startTestStack({ env: { NODE_ENV: 'production' } });
    try {
      const introspection = await production.gql(`{ __schema { types { name } } }`);
      expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await production.gql(`{ categoriez(first: 1) { nodes { code } } }`);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const dev = await stack.gql(`{ categoriez(first: 1) { nodes { code } } }`);
      expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
    } finally {
      await production.close();
    }
  });
});

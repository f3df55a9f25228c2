import { type Actor, BRISTOL, LEEDS, signUp, vendorWithProfile } from './support/actors';
import { makeOffer, postIntent, waitUntilMatched } from './support/privacy-fixtures';
import { type TestStack, startTestStack } from './support/test-stack';

const FEED = /* GraphQL */ `
  query ($first: Int!, $after: String, $includeClosed: Boolean, $includeDeclined: Boolean) {
    feed(first: $first, after: $after, includeClosed: $includeClosed, includeDeclined: $includeDeclined) {
      nodes {
        intent {
          id
          title
          status
          location {
            area
          }
          exactLocation {
            lat
          }
        }
        score
        matchedAt
        declinedAt
        reasons {
          category {
            code
          }
          distanceKm
          words
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const DECLINE = /* GraphQL */ `
  mutation ($intentId: ID!) {
    declineIntent(intentId: $intentId) {
      intent {
        id
      }
      declinedAt
    }
  }
`;

describe('the vendor feed: only the intents matched to me, newest first, with reasons', () => {
  let stack: TestStack;
  let individual: Actor;
  let removals: Actor;
  let bristolCleaners: Actor;
  const posted: string[] = [];

  const feedOf = async (vendor: Actor, variables: Record<string, unknown> = {}) => {
    const result = await stack.gql(FEED, { first: 20, ...variables }, vendor.token);
    expect(result.errors).toBeUndefined();
    return result.data!.feed;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Feed Individual');
    removals = await vendorWithProfile(stack, 'Feed Removals', {
      categoryCodes: ['moving.removals'],
      description: 'Careful house removals, piano moving and packing across Yorkshire',
      serviceArea: { ...LEEDS, radiusKm: 50 },
    });
    bristolCleaners = await vendorWithProfile(stack, 'Feed Cleaners', {
      categoryCodes: ['moving.cleaning'],
      serviceArea: { ...BRISTOL, radiusKm: 30 },
    });
    for (const title of ['First move', 'Second move', 'Third move', 'Fourth move', 'Fifth move']) {
      const intent = await postIntent(stack, individual, {
        title,
        location: { postcode: 'LS6 3AB', lat: LEEDS.lat + 0.01, lng: LEEDS.lng },
      });
      await waitUntilMatched(stack, intent.id, removals);
      posted.push(intent.id);
    }
    await stack.settle();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('lists matched intents newest first with why they matched, coarse location only', async () => {
    const feed = await feedOf(removals);
    expect(feed.nodes.map((item: any) => item.intent.id)).toEqual([...posted].reverse());
    const [newest] = feed.nodes;
    expect(newest).toMatchObject({
      intent: { title: 'Fifth move', status: 'OPEN', location: { area: 'LS6' }, exactLocation: null },
      reasons: { category: { code: 'moving.removals' } },
      declinedAt: null,
    });
    expect(newest.reasons.distanceKm).toBeGreaterThanOrEqual(0);
    expect(newest.reasons.distanceKm).toBeLessThan(10);
    expect(newest.score).toBeGreaterThan(0);
    expect(await feedOf(bristolCleaners)).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await feedOf(removals, { first: 2, after });
      seen.push(...page.nodes.map((item: any) => item.intent.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...posted].reverse());
  });

  it('declines: the intent leaves the feed, offers on it are refused, other vendors cannot decline it', async () => {
    const [declinedId] = posted;
    const notMatched = await stack.gql(DECLINE, { intentId: declinedId }, bristolCleaners.token);
    expect(notMatched.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const asIndividual = await stack.gql(DECLINE, { intentId: declinedId }, individual.token);
    expect(asIndividual.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const declined = await stack.gql(DECLINE, { intentId: declinedId }, removals.token);
    expect(declined.errors).toBeUndefined();
    expect(declined.data!.declineIntent.declinedAt).not.toBeNull();
    expect((await feedOf(removals)).nodes.map((item: any) => item.intent.id)).not.toContain(declinedId);
    const withDeclined = await feedOf(removals, { includeDeclined: true });
    expect(withDeclined.nodes.find((item: any) => item.intent.id === declinedId).declinedAt).not.toBeNull();

    const components = await stack.gql(
      `query($id: ID!) { intent(id: $id) { components { id } } }`,
      { id: declinedId },
      removals.token,
    );
    await expect(makeOffer(stack, removals, { id: declinedId, ...components.data!.intent })).rejects.toThrow(
      /CONFLICT/,
    );
  });

  it('refuses to decline an intent the vendor has an active offer on', async () => {
    const intentId = posted[1];
    const components = await stack.gql(
      `query($id: ID!) { intent(id: $id) { components { id } } }`,
      { id: intentId },
      removals.token,
    );
    await makeOffer(stack, removals, { id: intentId, ...components.data!.intent });
    const result = await stack.gql(DECLINE, { intentId }, removals.token);
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('hides closed intents unless asked', async () => {
    const intentId = posted[4];
    const withdrawn = await stack.gql(
      `mutation($id: ID!) { withdrawIntent(id: $id) { status } }`,
      { id: intentId },
      individual.token,
    );
    expect(withdrawn.data!.withdrawIntent.status).toBe('WITHDRAWN');
    expect((await feedOf(removals)).nodes.map((item: any) => item.intent.id)).not.toContain(intentId);
    const all = await feedOf(removals, { includeClosed: true });
    expect(all.nodes.find((item: any) => item.intent.id === intentId).intent.status).toBe('WITHDRAWN');
  });

  it('validates its arguments', async () => {
    const tooMany = await stack.gql(FEED, { first: 101 }, removals.token);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await stack.gql(FEED, { first: 5, after: 'bm9wZQ' }, removals.token);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const anonymous = await stack.gql(FEED, { first: 5 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const badId = await stack.gql(DECLINE, { intentId: 'nope' }, removals.token);
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'intentId' });
  });
});

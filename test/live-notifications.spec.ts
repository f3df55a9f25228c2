import { notificationChannel } from '@app/notifications/notification-channels';
import { RedisConnection } from '@app/redis/redis-connection';
import { type Actor, BRISTOL, LEEDS, signUp, vendorWithProfile } from './support/actors';
import { type LiveSubscription, subscribe } from './support/live';
import { award, makeOffer, postIntent, waitUntilMatched } from './support/privacy-fixtures';
import { type ApiReplica, type TestStack, startTestStack, waitFor } from './support/test-stack';

const MATCH_CREATED = /* GraphQL */ `
  subscription {
    matchCreated {
      intent {
        id
        title
      }
      score
      reasons {
        category {
          code
        }
        distanceKm
        words
      }
    }
  }
`;

const OFFER_RECEIVED = /* GraphQL */ `
  subscription ($intentId: ID) {
    offerReceived(intentId: $intentId) {
      id
      vendor {
        id
      }
      current {
        total {
          amount
          currency
        }
      }
    }
  }
`;

const NOTIFICATIONS = /* GraphQL */ `
  subscription {
    notifications {
      id
      type
      subject {
        type
        id
      }
      intent {
        id
      }
      offer {
        id
        status
      }
      occurredAt
    }
  }
`;

describe('live notifications over graphql-ws, across API replicas', () => {
  let stack: TestStack;
  let replica: ApiReplica;
  let individual: Actor;
  let otherIndividual: Actor;
  let leedsRemovals: Actor;
  let leedsMovers: Actor;
  let bristolCleaners: Actor;
  const open: Array<LiveSubscription<any>> = [];
  const live = <T = Record<string, any>>(...args: Parameters<typeof subscribe>) => {
    const subscription = subscribe<T>(...args);
    open.push(subscription);
    return subscription;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    replica = await stack.startReplica();
    individual = await signUp(stack, 'INDIVIDUAL', 'Live Individual');
    otherIndividual = await signUp(stack, 'INDIVIDUAL', 'Other Individual');
    leedsRemovals = await vendorWithProfile(stack, 'Leeds Removals', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    leedsMovers = await vendorWithProfile(stack, 'Leeds Movers', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...LEEDS, radiusKm: 60 },
    });
    bristolCleaners = await vendorWithProfile(stack, 'Bristol Cleaners', {
      categoryCodes: ['moving.cleaning'],
      serviceArea: { ...BRISTOL, radiusKm: 30 },
    });
  });

  afterEach(async () => {
    for (const subscription of open.splice(0)) await subscription.close();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('refuses connections without a valid credential', async () => {
    await expect(live(stack.wsUrl, null, MATCH_CREATED).connected).rejects.toMatchObject({ code: 4403 });
    await expect(live(replica.wsUrl, 'not-a-token', MATCH_CREATED).connected).rejects.toMatchObject({ code: 4403 });
  });

  it('delivers each new match to its vendor only, whichever replica it is connected to', async () => {
    const onReplica = live(replica.wsUrl, leedsRemovals.token, MATCH_CREATED);
    const onPrimary = live(stack.wsUrl, leedsMovers.token, MATCH_CREATED);
    const elsewhere = live(replica.wsUrl, bristolCleaners.token, MATCH_CREATED);
    await Promise.all([onReplica.connected, onPrimary.connected, elsewhere.connected]);

    const leedsIntent = await postIntent(stack, individual, { title: 'Two-bed flat removal' });
    const [replicaEvent] = await onReplica.waitForEvents(1);
    const [primaryEvent] = await onPrimary.waitForEvents(1);
    expect(replicaEvent.matchCreated).toMatchObject({
      intent: { id: leedsIntent.id, title: 'Two-bed flat removal' },
      reasons: { category: { code: 'moving.removals' } },
    });
    expect(replicaEvent.matchCreated.reasons.distanceKm).toBeLessThan(10);
    expect(primaryEvent.matchCreated.intent.id).toBe(leedsIntent.id);

    // Bristol's own match arrives, and it is the only thing that vendor ever got.
    const bristolIntent = await postIntent(stack, individual, {
      title: 'End of tenancy clean',
      categoryCode: 'moving.cleaning',
      location: BRISTOL,
    });
    const [bristolEvent] = await elsewhere.waitForEvents(1);
    expect(bristolEvent.matchCreated.intent.id).toBe(bristolIntent.id);
    await stack.settle();
    expect([onReplica.events.length, onPrimary.events.length, elsewhere.events.length]).toEqual([1, 1, 1]);
    expect([onReplica.errors, onPrimary.errors, elsewhere.errors]).toEqual([[], [], []]);
  });

  it('authorises every event: a message on a vendor channel about an intent not matched to it is dropped', async () => {
    const subscription = live(replica.wsUrl, bristolCleaners.token, MATCH_CREATED);
    await subscription.connected;
    const leedsIntent = await postIntent(stack, individual, { title: 'Piano move' });
    await waitUntilMatched(stack, leedsIntent.id, leedsRemovals);
    await stack.settle();
    // Forge what the worker would publish, on the Bristol vendor's channel, about the Leeds intent.
    const redis = stack.api.get(RedisConnection);
    const forged = {
      id: 'ntf_forged',
      type: 'match.created',
      vendorId: bristolCleaners.vendorId,
      intentId: leedsIntent.id,
      occurredAt: new Date().toISOString(),
    };
    await redis.client.publish(
      notificationChannel(stack.config.REDIS_PREFIX, { vendorId: bristolCleaners.vendorId! }),
      JSON.stringify(forged),
    );
    const ownIntent = await postIntent(stack, individual, {
      title: 'Carpet clean',
      categoryCode: 'moving.cleaning',
      location: BRISTOL,
    });
    const [event] = await subscription.waitForEvents(1);
    expect(event.matchCreated.intent.id).toBe(ownIntent.id);
    await stack.settle();
    expect(subscription.events).toHaveLength(1);
  });

  it('leaves no Redis channel subscribed once a client unsubscribes', async () => {
    const redis = stack.api.get(RedisConnection);
    const channel = notificationChannel(stack.config.REDIS_PREFIX, { vendorId: leedsMovers.vendorId! });
    const subscribers = async () => {
      const [, count] = (await redis.client.pubsub('NUMSUB', channel)) as [string, number];
      return Number(count);
    };
    const first = live(stack.wsUrl, leedsMovers.token, MATCH_CREATED);
    const second = live(stack.wsUrl, leedsMovers.token, `subscription { notifications { id } }`);
    await Promise.all([first.connected, second.connected]);
    await waitFor(async () => ((await subscribers()) === 1 ? true : null));
    await first.close();
    await second.close();
    await waitFor(async () => ((await subscribers()) === 0 ? true : null));
  });

  it('delivers offers to the intent owner only, filtered by intent when asked', async () => {
    const intent = await postIntent(stack, individual, { title: 'Office move' });
    const otherIntent = await postIntent(stack, individual, { title: 'Garage clear-out' });
    const mine = live(stack.wsUrl, individual.token, OFFER_RECEIVED, { intentId: intent.id });
    const all = live(replica.wsUrl, individual.token, OFFER_RECEIVED);
    const someoneElse = live(replica.wsUrl, otherIndividual.token, OFFER_RECEIVED);
    const vendorTries = live(replica.wsUrl, leedsRemovals.token, OFFER_RECEIVED);
    await Promise.all([mine.connected, all.connected, someoneElse.connected, vendorTries.connected]);
    await waitUntilMatched(stack, intent.id, leedsRemovals);
    await waitUntilMatched(stack, otherIntent.id, leedsRemovals);

    const offerId = await makeOffer(stack, leedsRemovals, intent, '750');
    const otherOfferId = await makeOffer(stack, leedsRemovals, otherIntent, '120');
    const [event] = await mine.waitForEvents(1);
    expect(event.offerReceived).toMatchObject({
      id: offerId,
      vendor: { id: leedsRemovals.vendorId },
      current: { total: { amount: '750.00', currency: 'GBP' } },
    });
    const both = await all.waitForEvents(2);
    expect(both.map((e) => e.offerReceived.id).sort()).toEqual([offerId, otherOfferId].sort());
    await stack.settle();
    expect(mine.events).toHaveLength(1);
    expect(someoneElse.events).toEqual([]);
    // A vendor may not subscribe to offers at all: the subscription fails with FORBIDDEN.
    expect(vendorTries.events).toEqual([]);
    expect(vendorTries.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
  });

  it('tells winners and losers of an award', async () => {
    const intent = await postIntent(stack, individual, { title: 'Studio removal' });
    await waitUntilMatched(stack, intent.id, leedsRemovals);
    await waitUntilMatched(stack, intent.id, leedsMovers);
    const winningOffer = await makeOffer(stack, leedsRemovals, intent, '400');
    const losingOffer = await makeOffer(stack, leedsMovers, intent, '450');
    await stack.settle();
    const winner = live(replica.wsUrl, leedsRemovals.token, NOTIFICATIONS);
    const loser = live(stack.wsUrl, leedsMovers.token, NOTIFICATIONS);
    await Promise.all([winner.connected, loser.connected]);
    await award(stack, individual, intent.id, winningOffer);
    const [won] = await winner.waitForEvents(1);
    const [lost] = await loser.waitForEvents(1);
    expect(won.notifications).toMatchObject({
      type: 'OFFER_AWARDED',
      subject: { type: 'OFFER', id: winningOffer },
      intent: { id: intent.id },
      offer: { id: winningOffer, status: 'ACCEPTED' },
    });
    expect(won.notifications.id).toMatch(/^ntf_\d+\.\d+$/);
    expect(lost.notifications).toMatchObject({
      type: 'OFFER_LOST',
      subject: { type: 'OFFER', id: losingOffer },
      intent: { id: intent.id },
      offer: { id: losingOffer, status: 'LOST' },
    });
  });

  it('applies the depth and cost limits to subscriptions too', async () => {
    const nest = (levels: number): string =>
      levels === 0 ? 'id' : `intent { offers(first: 1) { nodes { ${nest(levels - 1)} } } }`;
    const deep = live(stack.wsUrl, leedsRemovals.token, `subscription { matchCreated { ${nest(4)} } }`);
    const costly = live(
      stack.wsUrl,
      leedsRemovals.token,
      `subscription { matchCreated { intent { offers(first: 100) { nodes { versions(first: 100) { nodes { id } } } } } } }`,
    );
    await Promise.all([deep.connected, costly.connected]);
    await waitFor(async () => deep.errors.length > 0 && costly.errors.length > 0);
    expect(deep.errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    expect(deep.errors[0]).toMatchObject({ message: expect.stringMatching(/exceeds maximum operation depth/) });
    expect(costly.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/cost/) }),
    ]);
  });
});

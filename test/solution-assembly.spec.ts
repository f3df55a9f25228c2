import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { type LiveSubscription, subscribe } from './support/live';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const SOLUTIONS_LIVE = /* GraphQL */ `
  subscription ($id: ID) {
    solutionsUpdated(intentId: $id) {
      id
      assembly {
        state
      }
      solutions {
        rank
        total {
          amount
        }
      }
    }
  }
`;

const SOLUTIONS = /* GraphQL */ `
  query ($id: ID!) {
    intent(id: $id) {
      assembly {
        state
        infeasibility {
          constraint
          message
        }
        computedAt
      }
      solutions {
        rank
        provenOptimal
        total {
          amount
        }
        saving {
          amount
        }
        selections {
          offer {
            id
            vendor {
              name
            }
          }
          components {
            title
          }
          price {
            amount
          }
          isBundle
        }
        vendors {
          vendor {
            name
          }
          subtotal {
            amount
          }
        }
      }
    }
  }
`;

describe('life events and solution assembly (end to end)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });

  afterAll(async () => {
    await stack.close();
  });

  async function offer(vendor: Actor, intentId: string, lines: Array<[string, string]>, bundleTotal?: string) {
    await waitFor(
      async () =>
        !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intentId }, vendor.token)).errors,
    );
    const result = await stack.gql(
      `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
      {
        input: {
          intentId,
          currency: 'GBP',
          validUntil: inDays(5),
          isBundle: bundleTotal !== undefined,
          total: bundleTotal,
          lines: lines.map(([componentId, amount]) => ({ componentId, amount: bundleTotal ? null : amount })),
        },
      },
      vendor.token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.makeOffer.id as string;
  }

  it('assembles the cheapest cover of a moving-house playbook, bundle included, and accepts it whole', async () => {
    const playbook = await stack.gql(
      `{ playbook(code: "moving-house") { name components { title optional category { code } } } }`,
    );
    expect(playbook.data!.playbook.components.length).toBeGreaterThanOrEqual(5);

    // Vendors exist before the intent opens: matching happens when it opens.
    const vendor = (name: string, categoryCodes: string[]) =>
      vendorWithProfile(stack, name, { categoryCodes, serviceArea: { ...LEEDS, radiusKm: 40 } });
    const movers = await vendor('Movers Ltd', ['moving.removals', 'moving.cleaning']);
    const sparkle = await vendor('Sparkle', ['moving.cleaning']);
    const boxit = await vendor('BoxIt Storage', ['moving.storage']);
    const allInOne = await vendor('All In One', ['moving.removals', 'moving.storage']);

    const owner = await signUp(stack, 'INDIVIDUAL', 'Playbook Mover');
    const draft = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id status playbookCode components { id title optional } } }`,
      {
        input: {
          title: 'Moving in March',
          playbookCode: 'moving-house',
          location: LEEDS,
          budget: { amount: '3000', currency: 'GBP' },
          expiresAt: inDays(10),
          publish: false,
        },
      },
      owner.token,
    );
    expect(draft.data!.createIntent.status).toBe('DRAFT');
    expect(draft.data!.createIntent.playbookCode).toBe('moving-house');
    const intentId = draft.data!.createIntent.id;
    // The individual trims the playbook to the three parts they need, then opens it.
    const edited = await stack.gql(
      `mutation($id: ID!, $input: UpdateIntentInput!) { updateIntent(id: $id, input: $input) { components { id title } } }`,
      {
        id: intentId,
        input: {
          components: [
            { title: 'Removals', categoryCode: 'moving.removals' },
            { title: 'End of tenancy clean', categoryCode: 'moving.cleaning' },
            { title: 'Storage', categoryCode: 'moving.storage' },
          ],
        },
      },
      owner.token,
    );
    const [removals, cleaning, storage] = edited.data!.updateIntent.components.map((c: { id: string }) => c.id);
    // Live: the owner hears of every recomputation; another individual, subscribed to the same intent, of none.
    const ownerLive: LiveSubscription = subscribe(stack.wsUrl, owner.token, SOLUTIONS_LIVE, { id: intentId });
    const stranger = await signUp(stack, 'INDIVIDUAL', 'Nosy Neighbour');
    const strangerLive: LiveSubscription = subscribe(stack.wsUrl, stranger.token, SOLUTIONS_LIVE, { id: intentId });
    const vendorLive: LiveSubscription = subscribe(stack.wsUrl, movers.token, SOLUTIONS_LIVE, { id: intentId });
    await Promise.all([ownerLive.connected, strangerLive.connected, vendorLive.connected]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.gql(`mutation($id: ID!) { publishIntent(id: $id) { status } }`, { id: intentId }, owner.token);

    await offer(movers, intentId, [
      [removals, '900'],
      [cleaning, '300'],
    ]);
    await offer(sparkle, intentId, [[cleaning, '200']]);
    await offer(boxit, intentId, [[storage, '150']]);
    await offer(allInOne, intentId, [
      [removals, '950'],
      [storage, '200'],
    ]);
    // Bundle: removals + storage for 1000, cheaper than 900 + 150 from two vendors.
    const bundle = await offer(
      allInOne,
      intentId,
      [
        [removals, ''],
        [storage, ''],
      ],
      '1000',
    );

    const solved = await waitFor(async () => {
      const result = await stack.gql(SOLUTIONS, { id: intentId }, owner.token);
      const intent = result.data?.intent;
      return intent?.assembly?.state === 'OPTIMAL' && intent.solutions.length > 0 ? intent : null;
    }, 20_000);
    const [best, ...alternatives] = solved.solutions;
    expect(best.rank).toBe(1);
    expect(best.provenOptimal).toBe(true);
    expect(best.total.amount).toBe('1200.00');
    // Cheapest singles: removals 900 + cleaning 200 + storage 150 = 1250.
    expect(best.saving.amount).toBe('50.00');
    expect(best.selections.map((s: any) => [s.offer.vendor.name, s.isBundle, s.price.amount])).toEqual(
      expect.arrayContaining([
        ['All In One', true, '1000.00'],
        ['Sparkle', false, '200.00'],
      ]),
    );
    expect(alternatives.length).toBeGreaterThan(0);
    for (const alternative of alternatives) {
      expect(Number(alternative.total.amount)).toBeGreaterThanOrEqual(Number(best.total.amount));
    }
    const liveBest = await waitFor(async () => {
      const last = ownerLive.events.at(-1)?.solutionsUpdated;
      return last?.assembly.state === 'OPTIMAL' && last.solutions[0]?.total.amount === '1200.00' ? last : null;
    });
    expect(liveBest.id).toBe(intentId);
    expect(ownerLive.errors).toEqual([]);
    await waitFor(async () => (vendorLive.errors.length > 0 ? true : null));
    expect(vendorLive.events).toEqual([]);
    expect((vendorLive.errors[0] as any).extensions?.code).toBe('FORBIDDEN');

    // With at most one vendor, only a single vendor covering all three could do: infeasible, and it says why.
    await stack.gql(
      `mutation($id: ID!) { setSolutionConstraints(intentId: $id, input: { maxVendors: 1 }) { id } }`,
      { id: intentId },
      owner.token,
    );
    const limited = await waitFor(async () => {
      const result = await stack.gql(SOLUTIONS, { id: intentId }, owner.token);
      return result.data?.intent.assembly.state === 'INFEASIBLE' ? result.data.intent : null;
    }, 20_000);
    expect(limited.assembly.infeasibility.constraint).toBe('MAX_VENDORS');
    expect(limited.solutions).toEqual([]);
    await waitFor(async () =>
      ownerLive.events.some((event) => event.solutionsUpdated.assembly.state === 'INFEASIBLE') ? true : null,
    );
    expect(strangerLive.events).toEqual([]);
    expect(strangerLive.errors).toEqual([]);
    await Promise.all([ownerLive.close(), strangerLive.close(), vendorLive.close()]);

    await stack.gql(
      `mutation($id: ID!) { setSolutionConstraints(intentId: $id, input: { maxVendors: 2 }) { id } }`,
      { id: intentId },
      owner.token,
    );
    const resolved = await waitFor(async () => {
      const result = await stack.gql(SOLUTIONS, { id: intentId }, owner.token);
      const intent = result.data?.intent;
      return intent?.assembly?.state === 'OPTIMAL' && intent.solutions.length > 0 ? intent : null;
    }, 20_000);
    expect(resolved.solutions[0].vendors.length).toBeLessThanOrEqual(2);

    const accepted = await stack.gql(
      `mutation($id: ID!) { acceptSolution(intentId: $id, rank: 1) { intent { status } engagements { vendor { name } total { amount } } } }`,
      { id: intentId },
      owner.token,
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptSolution.intent.status).toBe('AWARDED');
    const winners = accepted.data!.acceptSolution.engagements.map((e: any) => e.vendor.name).sort();
    expect(winners).toEqual(resolved.solutions[0].vendors.map((v: any) => v.vendor.name).sort());
    const [{ count }] = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM engagements WHERE intent_id = $1`,
      [intentId],
    );
    expect(count).toBe(winners.length);
    const bundleStatus = await stack.gql(
      `query($id: ID!) { offer(id: $id) { status } }`,
      { id: bundle },
      allInOne.token,
    );
    expect(['ACCEPTED', 'LOST']).toContain(bundleStatus.data!.offer.status);
  });
});

import { VendorsService } from '@app/vendors/vendors.service';
import { AssemblySweeper } from '../apps/worker/src/assembly/assembly-sweeper.service';
import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const ASSEMBLY = /* GraphQL */ `
  query ($id: ID!) {
    intent(id: $id) {
      status
      assembly {
        state
        version
        computedAt
        infeasibility {
          constraint
        }
      }
      solutions {
        rank
        total {
          amount
        }
        saving {
          amount
        }
        extraOverBest {
          amount
        }
        selections {
          offer {
            id
          }
          price {
            amount
          }
        }
      }
    }
  }
`;

const ACCEPT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int) {
    acceptSolution(intentId: $id, rank: 1, expectedVersion: $version) {
      intent {
        status
      }
      engagements {
        total {
          amount
        }
      }
    }
  }
`;

const AWARD = `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { intent { status } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIntentInput!) { updateIntent(id: $id, input: $input) { components { id } } }`;
const CONSTRAIN = `mutation($id: ID!, $input: SolutionConstraintsInput!) { setSolutionConstraints(intentId: $id, input: $input) { id } }`;

interface Assembly {
  status: string;
  assembly: { state: string; version: number; computedAt: string; infeasibility: { constraint: string } | null };
  solutions: Array<{
    rank: number;
    total: { amount: string };
    saving: { amount: string } | null;
    extraOverBest: { amount: string };
    selections: Array<{ offer: { id: string }; price: { amount: string } }>;
  }>;
}

describe('assembled solutions follow every change, and accepting or awarding re-checks them', () => {
  let stack: TestStack;
  let movers: Actor;
  let sparkle: Actor;
  let vanMan: Actor;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { EXPIRY_INTERVAL_MS: '200' } });
    const area = { ...LEEDS, radiusKm: 40 };
    movers = await vendorWithProfile(stack, 'Movers Ltd', {
      categoryCodes: ['moving.removals', 'moving.cleaning'],
      serviceArea: area,
    });
    sparkle = await vendorWithProfile(stack, 'Sparkle', { categoryCodes: ['moving.cleaning'], serviceArea: area });
    vanMan = await vendorWithProfile(stack, 'Van Man', { categoryCodes: ['moving.removals'], serviceArea: area });
  });

  afterAll(async () => {
    await stack.close();
  });

  async function openIntent(owner: Actor, budget: string, expiresAt = inDays(10)) {
    const created = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
      {
        input: {
          title: 'Moving house',
          location: LEEDS,
          budget: { amount: budget, currency: 'GBP' },
          expiresAt,
          components: [
            { title: 'Removals', categoryCode: 'moving.removals' },
            { title: 'Cleaning', categoryCode: 'moving.cleaning' },
          ],
        },
      },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const intent = created.data!.createIntent;
    return { id: intent.id as string, removals: intent.components[0].id as string, cleaning: intent.components[1].id };
  }

  async function offer(vendor: Actor, intentId: string, lines: Array<[string, string]>, validUntil = inDays(5)) {
    await waitFor(
      async () =>
        !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intentId }, vendor.token)).errors,
    );
    const made = await stack.gql(
      `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
      {
        input: {
          intentId,
          currency: 'GBP',
          validUntil,
          lines: lines.map(([componentId, amount]) => ({ componentId, amount })),
        },
      },
      vendor.token,
    );
    expect(made.errors).toBeUndefined();
    return made.data!.makeOffer.id as string;
  }

  async function assemblyOf(owner: Actor, intentId: string): Promise<Assembly> {
    const result = await stack.gql<{ intent: Assembly }>(ASSEMBLY, { id: intentId }, owner.token);
    expect(result.errors).toBeUndefined();
    return result.data!.intent;
  }

  /** The next stored recomputation after `before` (computedAt moves on, the state is no longer PENDING). */
  function recomputed(owner: Actor, intentId: string, before: Assembly | null, timeoutMs = 15_000) {
    return waitFor(async () => {
      const now = await assemblyOf(owner, intentId);
      const done = now.assembly && now.assembly.state !== 'PENDING';
      return done && now.assembly.computedAt !== before?.assembly?.computedAt ? now : null;
    }, timeoutMs);
  }

  const totals = (assembly: Assembly) => assembly.solutions.map((solution) => solution.total.amount);

  /** Runs `call` and proves it wrote nothing at all. */
  async function writesNothing<T>(call: () => Promise<T>): Promise<T> {
    const tables = await applicationTables(stack.dataSource);
    const before = await snapshotTables(stack.dataSource, tables);
    const result = await call();
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);
    return result;
  }

  it('recomputes on budget, components, offers and vendor ratings; accept checks the version it saw', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Budget Mover');
    const intent = await openIntent(owner, '1000');
    const moversOffer = await offer(movers, intent.id, [
      [intent.removals, '700'],
      [intent.cleaning, '200'],
    ]);
    const first = await recomputed(owner, intent.id, null);
    expect([first.assembly.state, totals(first)]).toEqual(['OPTIMAL', ['900.00']]);
    const seen = first.assembly.version;

    // The budget drops below the only solution: recomputed to INFEASIBLE without setSolutionConstraints.
    await stack.gql(UPDATE, { id: intent.id, input: { budget: { amount: '500', currency: 'GBP' } } }, owner.token);
    const lowered = await recomputed(owner, intent.id, first);
    expect(lowered.assembly.state).toBe('INFEASIBLE');
    expect(lowered.assembly.infeasibility?.constraint).toBe('BUDGET');
    expect(lowered.solutions).toEqual([]);
    expect(lowered.assembly.version).toBeGreaterThan(seen);

    // The client still holds version `seen` and its [900]: refused, naming the budget, nothing written.
    await stack.settle();
    const stale = await writesNothing(() => stack.gql(ACCEPT, { id: intent.id, version: seen }, owner.token));
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.message).toContain('the budget changed to 500.00 GBP');
    const [{ engagements }] = await stack.dataSource.query(
      `SELECT count(*)::int AS engagements FROM engagements WHERE intent_id = $1`,
      [intent.id],
    );
    expect(engagements).toBe(0);

    await stack.gql(UPDATE, { id: intent.id, input: { budget: { amount: '1000', currency: 'GBP' } } }, owner.token);
    const raised = await recomputed(owner, intent.id, lowered);
    expect([raised.assembly.state, totals(raised)]).toEqual(['OPTIMAL', ['900.00']]);

    // While a recomputation is pending (worker stopped: deterministic) the stored [900] is refused, and
    // the message says what changed: the budget against the total while it breaks it, else the change.
    await stack.settle();
    await stack.stopWorker();
    try {
      await stack.gql(UPDATE, { id: intent.id, input: { budget: { amount: '500', currency: 'GBP' } } }, owner.token);
      const pending = await assemblyOf(owner, intent.id);
      expect([pending.assembly.state, pending.assembly.version, totals(pending)]).toEqual([
        'PENDING',
        raised.assembly.version,
        ['900.00'],
      ]);
      const overBudget = await writesNothing(() =>
        stack.gql(ACCEPT, { id: intent.id, version: raised.assembly.version }, owner.token),
      );
      expect(overBudget.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(overBudget.errors?.[0]?.message).toBe('The budget changed to 500.00 GBP; the solution totals 900.00 GBP');

      await stack.gql(UPDATE, { id: intent.id, input: { budget: { amount: '1000', currency: 'GBP' } } }, owner.token);
      const stillPending = await writesNothing(() => stack.gql(ACCEPT, { id: intent.id }, owner.token));
      expect(stillPending.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(stillPending.errors?.[0]?.message).toContain(
        'being recomputed (the budget changed to 1000.00 GBP); accept once assembly.state is no longer PENDING',
      );
    } finally {
      await stack.startWorker();
    }
    // Recomputed to the same solutions: the version stays, so a client holding it may still accept.
    const same = await recomputed(owner, intent.id, raised);
    expect([same.assembly.state, same.assembly.version, totals(same)]).toEqual([
      'OPTIMAL',
      raised.assembly.version,
      ['900.00'],
    ]);

    // Components: a new required one nobody priced makes it infeasible; optional, it is left out again.
    const withStorage = (optional: boolean) => ({
      components: [
        { id: intent.removals, title: 'Removals', categoryCode: 'moving.removals' },
        { id: intent.cleaning, title: 'Cleaning', categoryCode: 'moving.cleaning' },
        { title: 'Storage', categoryCode: 'moving.storage', optional },
      ],
    });
    const added = await stack.gql(UPDATE, { id: intent.id, input: withStorage(false) }, owner.token);
    expect(added.errors).toBeUndefined();
    expect(added.data!.updateIntent.components.slice(0, 2).map((c: { id: string }) => c.id)).toEqual([
      intent.removals,
      intent.cleaning,
    ]);
    const uncovered = await recomputed(owner, intent.id, same);
    expect([uncovered.assembly.state, uncovered.assembly.infeasibility?.constraint]).toEqual([
      'INFEASIBLE',
      'NO_OFFER_FOR_COMPONENT',
    ]);
    const storageId = added.data!.updateIntent.components[2].id;
    await stack.gql(
      UPDATE,
      {
        id: intent.id,
        input: { components: withStorage(true).components.map((c, i) => (i === 2 ? { ...c, id: storageId } : c)) },
      },
      owner.token,
    );
    const optional = await recomputed(owner, intent.id, uncovered);
    expect([optional.assembly.state, totals(optional)]).toEqual(['OPTIMAL', ['900.00']]);

    // Offers: a cheaper cleaner makes 850 best (900 the alternative, 50 dearer); withdrawn, back to 900.
    const sparkleOffer = await offer(sparkle, intent.id, [[intent.cleaning, '150']]);
    const cheaper = await recomputed(owner, intent.id, optional);
    expect(totals(cheaper)).toEqual(['850.00', '900.00']);
    expect(cheaper.solutions.map((s) => [s.saving?.amount, s.extraOverBest.amount])).toEqual([
      ['0.00', '0.00'],
      ['0.00', '50.00'],
    ]);
    await stack.gql(`mutation($id: ID!) { withdrawOffer(id: $id) { status } }`, { id: sparkleOffer }, sparkle.token);
    const withdrawn = await recomputed(owner, intent.id, cheaper);
    expect(totals(withdrawn)).toEqual(['900.00']);

    // Vendor rating: driven through the service the reviews feature is to call.
    await stack.gql(CONSTRAIN, { id: intent.id, input: { minVendorRating: 4 } }, owner.token);
    const unrated = await recomputed(owner, intent.id, withdrawn);
    expect(unrated.assembly.infeasibility?.constraint).toBe('MIN_RATING');
    const vendors = stack.api.get(VendorsService);
    await vendors.setRating(movers.vendorId!, { average: 4.5, count: 2 });
    const rated = await recomputed(owner, intent.id, unrated);
    expect([rated.assembly.state, totals(rated)]).toEqual(['OPTIMAL', ['900.00']]);
    await vendors.setRating(movers.vendorId!, { average: 3, count: 3 });
    const downgraded = await recomputed(owner, intent.id, rated);
    expect(downgraded.assembly.infeasibility?.constraint).toBe('MIN_RATING');
    await vendors.setRating(movers.vendorId!, { average: 4.2, count: 4 });
    const current = await recomputed(owner, intent.id, downgraded);
    expect(totals(current)).toEqual(['900.00']);

    await stack.settle();
    const accepted = await stack.gql(ACCEPT, { id: intent.id, version: current.assembly.version }, owner.token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptSolution.intent.status).toBe('AWARDED');
    expect(accepted.data!.acceptSolution.engagements.map((e: any) => e.total.amount)).toEqual(['900.00']);
    const status = await stack.gql(`query($id: ID!) { offer(id: $id) { status } }`, { id: moversOffer }, movers.token);
    expect(status.data!.offer.status).toBe('ACCEPTED');
  });

  it('awardOffers refuses, writing nothing, an offer withdrawn meanwhile or one breaking the constraints', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Careful Awarder');
    const intent = await openIntent(owner, '500');
    const dear = await offer(movers, intent.id, [[intent.removals, '600']]);
    const cheap = await offer(sparkle, intent.id, [[intent.cleaning, '120']]);
    const van = await offer(vanMan, intent.id, [[intent.removals, '300']]);
    await stack.settle();
    const award = (offerIds: string[]) =>
      writesNothing(() =>
        stack.gql(
          AWARD,
          { input: { intentId: intent.id, selections: offerIds.map((offerId) => ({ offerId })) } },
          owner.token,
        ),
      );

    const overBudget = await award([dear, cheap]);
    expect(overBudget.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(overBudget.errors?.[0]?.message).toBe('The chosen offers total 720.00 GBP, over the budget of 500.00 GBP');

    await stack.gql(CONSTRAIN, { id: intent.id, input: { excludedVendorIds: [sparkle.vendorId] } }, owner.token);
    await stack.settle();
    const excluded = await award([van, cheap]);
    expect(excluded.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(excluded.errors?.[0]?.message).toBe('Sparkle is excluded by your solution constraints');

    await stack.gql(CONSTRAIN, { id: intent.id, input: { excludedVendorIds: [] } }, owner.token);
    await stack.gql(`mutation($id: ID!) { withdrawOffer(id: $id) { status } }`, { id: cheap }, sparkle.token);
    await stack.settle();
    const withdrawn = await award([van, cheap]);
    expect(withdrawn.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(withdrawn.errors?.[0]?.message).toContain('The offer from Sparkle');
    expect(withdrawn.errors?.[0]?.message).toContain('is withdrawn');

    const [{ engagements }] = await stack.dataSource.query(
      `SELECT count(*)::int AS engagements FROM engagements WHERE intent_id = $1`,
      [intent.id],
    );
    expect(engagements).toBe(0);
    const fine = await stack.gql(
      AWARD,
      { input: { intentId: intent.id, selections: [{ offerId: van }] } },
      owner.token,
    );
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.awardOffers.intent.status).toBe('AWARDED');
  });

  it('queues a pending assembly again when its job was lost', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Unlucky Mover');
    const intent = await openIntent(owner, '1000');
    await offer(movers, intent.id, [
      [intent.removals, '700'],
      [intent.cleaning, '200'],
    ]);
    const before = await recomputed(owner, intent.id, null);
    await stack.settle();
    await stack.stopWorker();
    await stack.gql(UPDATE, { id: intent.id, input: { budget: { amount: '500', currency: 'GBP' } } }, owner.token);
    // As if the relay had handed the job to a Redis that then lost it, a while ago.
    await stack.dataSource.query(
      `UPDATE outbox_events SET dispatched_at = now() WHERE dispatched_at IS NULL AND payload->>'intentId' = $1`,
      [intent.id],
    );
    await stack.dataSource.query(`UPDATE intents SET assembly_requested_at = now() - interval '1 hour' WHERE id = $1`, [
      intent.id,
    ]);
    const worker = await stack.startWorker();
    await stack.settle();
    expect((await assemblyOf(owner, intent.id)).assembly.state).toBe('PENDING');
    expect(await worker.get(AssemblySweeper).sweep()).toBe(1);
    const after = await recomputed(owner, intent.id, before);
    expect(after.assembly.infeasibility?.constraint).toBe('BUDGET');
    expect(await worker.get(AssemblySweeper).sweep()).toBe(0);
  });

  it('recomputes when an offer lapses and when the intent expires', async () => {
    const owner = await signUp(stack, 'INDIVIDUAL', 'Short Notice');
    const intent = await openIntent(owner, '1000', new Date(Date.now() + 8000).toISOString());
    await offer(movers, intent.id, [
      [intent.removals, '700'],
      [intent.cleaning, '200'],
    ]);
    const lapsing = await offer(
      sparkle,
      intent.id,
      [[intent.cleaning, '150']],
      new Date(Date.now() + 2500).toISOString(),
    );
    const both = await waitFor(async () => {
      const now = await assemblyOf(owner, intent.id);
      return now.assembly?.state === 'OPTIMAL' && totals(now)[0] === '850.00' ? now : null;
    });
    expect(both.solutions[0].selections.map((s) => s.offer.id)).toContain(lapsing);
    // The expiry sweep closes the lapsed offer and the solutions follow.
    const lapsed = await waitFor(async () => {
      const now = await assemblyOf(owner, intent.id);
      return now.assembly?.state === 'OPTIMAL' && totals(now)[0] === '900.00' ? now : null;
    });
    expect(totals(lapsed)).toEqual(['900.00']);
    const expired = await waitFor(async () => {
      const now = await assemblyOf(owner, intent.id);
      return now.status === 'EXPIRED' && now.assembly?.state === 'NONE' ? now : null;
    }, 20_000);
    expect(expired.solutions).toEqual([]);
  });
});

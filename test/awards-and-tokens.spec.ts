import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { applicationTables, snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const AWARD = `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { intent { status } engagements { id } } }`;

describe('awards are all or nothing; API tokens work until revoked', () => {
  let stack: TestStack;
  let owner: Actor;
  let vendors: Actor[];

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    owner = await signUp(stack, 'INDIVIDUAL', 'Decider');
    vendors = [];
    for (const name of ['A', 'B']) {
      vendors.push(
        await vendorWithProfile(stack, `Vendor ${name}`, {
          categoryCodes: ['moving.removals', 'moving.cleaning'],
          serviceArea: { ...LEEDS, radiusKm: 40 },
        }),
      );
    }
  });

  afterAll(async () => {
    await stack.close();
  });

  async function intentWithOffers() {
    const created = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
      {
        input: {
          title: 'Two-part move',
          location: LEEDS,
          expiresAt: inDays(5),
          components: [
            { title: 'Removals', categoryCode: 'moving.removals' },
            { title: 'Cleaning', categoryCode: 'moving.cleaning' },
          ],
        },
      },
      owner.token,
    );
    const intent = created.data!.createIntent;
    const offers: string[] = [];
    for (const vendor of vendors) {
      await waitFor(
        async () =>
          !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intent.id }, vendor.token)).errors,
      );
      const made = await stack.gql(
        `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
        {
          input: {
            intentId: intent.id,
            currency: 'GBP',
            validUntil: inDays(3),
            lines: intent.components.map((c: { id: string }) => ({ componentId: c.id, amount: '100' })),
          },
        },
        vendor.token,
      );
      offers.push(made.data!.makeOffer.id);
    }
    return { intent, offers };
  }

  it('rolls back an award whose selections overlap, and one naming a withdrawn offer', async () => {
    const { intent, offers } = await intentWithOffers();
    await stack.settle();
    const tables = await applicationTables(stack.dataSource);
    const before = await snapshotTables(stack.dataSource, tables);
    const overlapping = await stack.gql(
      AWARD,
      { input: { intentId: intent.id, selections: [{ offerId: offers[0] }, { offerId: offers[1] }] } },
      owner.token,
    );
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.selections.1.componentIds',
    });
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(before);

    await stack.gql(`mutation($id: ID!) { withdrawOffer(id: $id) { status } }`, { id: offers[1] }, vendors[1].token);
    await stack.settle();
    const afterWithdraw = await snapshotTables(stack.dataSource, tables);
    const withWithdrawn = await stack.gql(
      AWARD,
      {
        input: {
          intentId: intent.id,
          selections: [
            { offerId: offers[0], componentIds: [intent.components[0].id] },
            { offerId: offers[1], componentIds: [intent.components[1].id] },
          ],
        },
      },
      owner.token,
    );
    expect(withWithdrawn.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await snapshotTables(stack.dataSource, tables)).toEqual(afterWithdraw);
  });

  it('pages engagements made in one award (same transaction time) without losing any', async () => {
    const { intent, offers } = await intentWithOffers();
    const awarded = await stack.gql(
      AWARD,
      {
        input: {
          intentId: intent.id,
          selections: [
            { offerId: offers[0], componentIds: [intent.components[0].id] },
            { offerId: offers[1], componentIds: [intent.components[1].id] },
          ],
        },
      },
      owner.token,
    );
    const made = awarded.data!.awardOffers.engagements.map((engagement: { id: string }) => engagement.id);
    expect(made).toHaveLength(2);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await stack.gql(
        `query($after: String) { myEngagements(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
        owner.token,
      );
      seen.push(...page.data.myEngagements.nodes.map((node: { id: string }) => node.id));
      after = page.data.myEngagements.pageInfo.hasNextPage ? page.data.myEngagements.pageInfo.endCursor : null;
    } while (after);
    expect(seen.filter((id) => made.includes(id)).sort()).toEqual([...made].sort());
  });

  it('lets exactly one of two concurrent awards win', async () => {
    const { intent, offers } = await intentWithOffers();
    const results = await Promise.all(
      offers.map((offerId) =>
        stack.gql(AWARD, { input: { intentId: intent.id, selections: [{ offerId }] } }, owner.token),
      ),
    );
    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost[0].errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [{ count }] = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM engagements WHERE intent_id = $1`,
      [intent.id],
    );
    expect(count).toBe(1);
  });

  it('authenticates with an API token until it is revoked', async () => {
    const created = await stack.gql(
      `mutation { createApiToken(input: { name: "CRM sync" }) { token apiToken { id name revokedAt } } }`,
      {},
      vendors[0].token,
    );
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^ic_/);
    const stored = await stack.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [apiToken.id]);
    expect(stored[0].token_hash).not.toContain(token.slice(3));
    const me = await stack.gql(`{ me { id kind } myOffers(first: 5) { nodes { id } } }`, {}, token);
    expect(me.data!.me).toEqual({ id: vendors[0].accountId, kind: 'VENDOR' });
    const listed = await stack.gql(`{ apiTokens(first: 5) { nodes { id name } } }`, {}, token);
    expect(listed.data!.apiTokens.nodes).toEqual([{ id: apiToken.id, name: 'CRM sync' }]);

    await stack.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      { id: apiToken.id },
      vendors[0].token,
    );
    const denied = await stack.gql(`{ me { id } }`, {}, token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const garbage = await stack.gql(`{ me { id } }`, {}, 'not-a-token');
    expect(garbage.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password and a duplicate email', async () => {
    const wrong = await stack.gql(`mutation($input: LogInInput!) { logIn(input: $input) { token } }`, {
      input: { email: owner.email, password: 'not the password' },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const right = await stack.gql(`mutation($input: LogInInput!) { logIn(input: $input) { token account { id } } }`, {
      input: { email: owner.email.toUpperCase(), password: 'correct horse battery' },
    });
    expect(right.data!.logIn.account.id).toBe(owner.accountId);
    const duplicate = await stack.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { kind: 'INDIVIDUAL', email: owner.email, password: 'another long password', displayName: 'Copy' },
    });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { findEntities, getEntities } from '@app/database/plain-entities';
import { Intent } from '@app/intents/intent.entity';
import { IntentComponent } from '@app/intents/intent-component.entity';
import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

/**
 * getEntities() hydrates plain one-entity SELECTs itself instead of through TypeORM's getMany():
 * for every table the application has, both must give the same entities, of the same class.
 */
describe('getEntities() hydrates exactly like getMany()', () => {
  let stack: TestStack;
  let owner: Actor;
  let intentId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    owner = await signUp(stack, 'INDIVIDUAL', 'Hydration Owner');
    const vendor = await vendorWithProfile(stack, 'Hydration Vendor', {
      categoryCodes: ['moving.removals', 'moving.cleaning'],
      keywords: ['piano', 'boxes'],
      serviceArea: { ...LEEDS, radiusKm: 40 },
    });
    const created = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
      {
        input: {
          title: 'Move with a piano',
          categoryCode: 'moving.removals',
          location: { ...LEEDS, postcode: 'LS6 3AB' },
          budget: { amount: '1500.50', currency: 'GBP' },
          windowStart: inDays(2),
          windowEnd: inDays(4),
          expiresAt: inDays(10),
          components: [
            { title: 'Removals', categoryCode: 'moving.removals' },
            { title: 'Cleaning', categoryCode: 'moving.cleaning', optional: true },
          ],
        },
      },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const intent = created.data!.createIntent;
    intentId = intent.id;
    await waitFor(
      async () =>
        !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intentId }, vendor.token)).errors,
    );
    const offer = await stack.gql(
      `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
      {
        input: {
          intentId,
          currency: 'GBP',
          validUntil: inDays(5),
          lines: intent.components.map((c: { id: string }) => ({ componentId: c.id, amount: '640.25' })),
        },
      },
      vendor.token,
    );
    expect(offer.errors).toBeUndefined();
    const awarded = await stack.gql(
      `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { intent { status } } }`,
      { input: { intentId, selections: [{ offerId: offer.data!.makeOffer.id }] } },
      owner.token,
    );
    expect(awarded.errors).toBeUndefined();
    await stack.settle();
  });

  afterAll(async () => {
    await stack.close();
  });

  /** Both ways give equal entities; `plain`: getEntities() hydrated them itself (else it fell back). */
  const bothWays = async <T extends ObjectLiteral>(build: () => SelectQueryBuilder<T>, plain: boolean) => {
    const typeorm = await build().getMany();
    const query = build();
    const getMany = jest.spyOn(query, 'getMany');
    const ours = await getEntities(query);
    expect(getMany).toHaveBeenCalledTimes(plain ? 0 : 1);
    expect(ours).toEqual(typeorm);
    ours.forEach((entity, index) => expect(Object.getPrototypeOf(entity)).toBe(Object.getPrototypeOf(typeorm[index])));
    return ours;
  };

  it('for every table, selected whole', async () => {
    const tables = stack.dataSource.entityMetadatas.filter((metadata) => metadata.tableType === 'regular');
    let rows = 0;
    for (const metadata of tables) {
      const build = () => {
        const query = stack.dataSource.createQueryBuilder<ObjectLiteral>(metadata.target, 'e');
        for (const column of metadata.primaryColumns) query.addOrderBy(`e.${column.propertyPath}`, 'ASC');
        return query;
      };
      rows += (await bothWays(build, true)).length;
    }
    // The journey above wrote to most tables: the comparison was not over empty ones.
    expect(rows).toBeGreaterThan(50);
  });

  it('for find options with In() and order, and falls back to getMany() for joins and partial selects', async () => {
    const manager = stack.dataSource.manager;
    const options = { where: { intentId }, order: { position: 'ASC' as const } };
    const components = await findEntities(manager, IntentComponent, options);
    expect(components).toEqual(await manager.find(IntentComponent, options));
    expect(components).toHaveLength(2);

    const joined = () =>
      stack.dataSource.createQueryBuilder(Intent, 'intent').leftJoinAndSelect('intent.components', 'component');
    const [withComponents] = await bothWays(joined, false);
    expect(withComponents.components).toHaveLength(2);

    const partial = () => stack.dataSource.createQueryBuilder(Intent, 'intent').select(['intent.id', 'intent.title']);
    const [titleOnly] = await bothWays(partial, false);
    expect(Object.keys(titleOnly).sort()).toEqual(['id', 'title']);
  });
});

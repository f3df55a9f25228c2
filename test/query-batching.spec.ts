import { statementsDuring } from '@app/database';
import { type Actor, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const NESTED_LIST = /* GraphQL */ `
  query Nested($first: Int!) {
    myIntents(first: $first) {
      nodes {
        id
        category {
          code
          name
        }
        components {
          id
          category {
            code
          }
        }
        engagements {
          id
        }
        offers(first: 10) {
          nodes {
            status
            vendor {
              name
              categories {
                code
              }
              rating {
                average
              }
            }
            current {
              total {
                amount
              }
              lines {
                component {
                  title
                }
                price {
                  amount
                }
              }
            }
            versions(first: 5) {
              nodes {
                version
                total {
                  amount
                }
              }
            }
            intent {
              id
              components {
                id
              }
            }
          }
        }
      }
    }
  }
`;

const PRIVACY_LIST = /* GraphQL */ `
  query Privacy($first: Int!) {
    myIntents(first: $first) {
      nodes {
        id
        disclosurePolicy {
          broadcast
        }
        privacyTerms {
          noMarketing
          acceptedByMe
        }
      }
    }
  }
`;

describe('nested list queries are batched (no N+1)', () => {
  let stack: TestStack;
  let individual: Actor;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Batch Owner');
    const vendors = await Promise.all(
      ['One', 'Two', 'Three'].map((name) =>
        vendorWithProfile(stack, `Vendor ${name}`, {
          categoryCodes: ['moving.removals', 'moving.cleaning'],
          serviceArea: { ...LEEDS, radiusKm: 50 },
        }),
      ),
    );
    for (let i = 0; i < 6; i += 1) {
      const created = await stack.gql(
        `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
        {
          input: {
            title: `Move ${i}`,
            categoryCode: 'moving.removals',
            location: LEEDS,
            expiresAt: inDays(10),
            components: [
              { title: 'Removals', categoryCode: 'moving.removals' },
              { title: 'Cleaning', categoryCode: 'moving.cleaning' },
            ],
          },
        },
        individual.token,
      );
      const intent = created.data!.createIntent;
      for (const vendor of vendors) {
        await waitFor(
          async () =>
            !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intent.id }, vendor.token)).errors,
        );
        const offer = await stack.gql(
          `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
          {
            input: {
              intentId: intent.id,
              currency: 'GBP',
              validUntil: inDays(5),
              lines: intent.components.map((c: { id: string }) => ({ componentId: c.id, amount: '100' })),
            },
          },
          vendor.token,
        );
        await stack.gql(
          `mutation($id: ID!, $input: OfferTermsInput!) { reviseOffer(id: $id, input: $input) { id } }`,
          {
            id: offer.data!.makeOffer.id,
            input: {
              currency: 'GBP',
              validUntil: inDays(5),
              lines: [{ componentId: intent.components[0].id, amount: '90' }],
            },
          },
          vendor.token,
        );
      }
    }
    // Only the API may talk to the database while statements are counted.
    await stack.stopWorker();
  });

  afterAll(async () => {
    await stack.close();
  });

  async function statementsFor(first: number): Promise<number> {
    await stack.gql(NESTED_LIST, { first }, individual.token); // warm the session cache
    const { result, statements: count } = await statementsDuring(stack.dataSource, () =>
      stack.gql(NESTED_LIST, { first }, individual.token),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.myIntents.nodes).toHaveLength(first);
    for (const intent of result.data!.myIntents.nodes) {
      expect(intent.offers.nodes).toHaveLength(3);
      for (const offer of intent.offers.nodes) expect(offer.versions.nodes).toHaveLength(2);
    }
    return count;
  }

  it('sends the same number of SQL statements for 1 intent as for 6 (each with 3 offers of 2 versions)', async () => {
    const one = await statementsFor(1);
    const six = await statementsFor(6);
    expect(one).toBeGreaterThan(0);
    expect(six).toBe(one);
    // One statement per level of the tree, not per row: intents, components, categories, engagements,
    // offers, vendors, current versions, versions, offers-of-versions.
    expect(six).toBeLessThanOrEqual(12);
  });

  it('batches the privacy fields of a list through the same loaders (policy, terms)', async () => {
    const privacyStatementsFor = async (first: number) => {
      await stack.gql(PRIVACY_LIST, { first }, individual.token);
      const { result, statements: count } = await statementsDuring(stack.dataSource, () =>
        stack.gql(PRIVACY_LIST, { first }, individual.token),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.myIntents.nodes).toHaveLength(first);
      for (const intent of result.data!.myIntents.nodes) {
        expect(intent.disclosurePolicy.broadcast).toEqual([]);
        expect(intent.privacyTerms.acceptedByMe).toBeNull();
      }
      return count;
    };
    const one = await privacyStatementsFor(1);
    expect(await privacyStatementsFor(6)).toBe(one);
    // Intents, policies, terms.
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThanOrEqual(3);
  });
});

import { BRISTOL, LEEDS, inDays, signUp, vendorWithProfile } from './support/actors';
import { type TestStack, startTestStack, waitFor } from './support/test-stack';

const CREATE_INTENT = /* GraphQL */ `
  mutation Create($input: CreateIntentInput!) {
    createIntent(input: $input) {
      id
      status
      title
      location {
        lat
        lng
        area
      }
      exactLocation {
        lat
        lng
        postcode
      }
      budget {
        amount
        currency
      }
      components {
        id
        position
        title
        category {
          code
        }
      }
    }
  }
`;

const VENDOR_SEES_INTENT = /* GraphQL */ `
  query Intent($id: ID!) {
    intent(id: $id) {
      id
      title
      status
      location {
        lat
        lng
        area
      }
      exactLocation {
        lat
        lng
        postcode
      }
      components {
        id
        title
      }
    }
  }
`;

const MAKE_OFFER = /* GraphQL */ `
  mutation Make($input: MakeOfferInput!) {
    makeOffer(input: $input) {
      id
      status
      current {
        version
        total {
          amount
          currency
        }
        isBundle
        lines {
          componentId
          price {
            amount
          }
        }
      }
    }
  }
`;

const REVISE_OFFER = /* GraphQL */ `
  mutation Revise($id: ID!, $input: OfferTermsInput!) {
    reviseOffer(id: $id, input: $input) {
      id
      current {
        version
        total {
          amount
        }
      }
      versions(first: 10) {
        nodes {
          version
          total {
            amount
          }
        }
      }
    }
  }
`;

const COMPARE = /* GraphQL */ `
  query Compare($id: ID!) {
    intent(id: $id) {
      offers(first: 10) {
        nodes {
          id
          vendor {
            name
          }
          current {
            version
            total {
              amount
            }
          }
        }
      }
      offerComparison {
        components {
          component {
            title
          }
          offers {
            vendorName
            vendorRating
            price {
              amount
            }
            offer {
              id
            }
          }
        }
        bundles {
          vendorName
          price {
            amount
          }
          componentIds
        }
      }
    }
  }
`;

const AWARD = /* GraphQL */ `
  mutation Award($input: AwardOffersInput!) {
    awardOffers(input: $input) {
      intent {
        id
        status
      }
      engagements {
        id
        vendor {
          id
          name
        }
        total {
          amount
          currency
        }
        components {
          title
        }
      }
    }
  }
`;

const MY_ENGAGEMENTS = /* GraphQL */ `
  query {
    myEngagements(first: 10) {
      nodes {
        id
        intent {
          id
        }
        offer {
          id
          status
        }
        total {
          amount
        }
      }
    }
  }
`;

describe('marketplace journey (GraphQL, real PostgreSQL and Redis, worker running)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('takes a multi-part need from intent to engagements', async () => {
    const removals = await vendorWithProfile(stack, 'Leeds Removals', {
      categoryCodes: ['moving.removals'],
      description: 'House removals across Yorkshire',
      serviceArea: { ...LEEDS, radiusKm: 80 },
    });
    const cleaners = await vendorWithProfile(stack, 'Sparkle Cleaners', {
      categoryCodes: ['moving.cleaning', 'moving.removals'],
      description: 'End of tenancy cleaning',
      serviceArea: { ...LEEDS, radiusKm: 30 },
    });
    const farAway = await vendorWithProfile(stack, 'Bristol Movers', {
      categoryCodes: ['moving.removals'],
      serviceArea: { ...BRISTOL, radiusKm: 40 },
    });
    const individual = await signUp(stack, 'INDIVIDUAL', 'Alex Mover');

    const intentInput = {
      title: 'Moving from Leeds to Bristol in March',
      description: 'Three-bedroom house, need removals and a final clean',
      categoryCode: 'moving.removals',
      location: { postcode: 'LS6 3AB', lat: 53.8201, lng: -1.5763 },
      budget: { amount: '1500', currency: 'GBP' },
      expiresAt: inDays(14),
      components: [
        { title: 'Removals', categoryCode: 'moving.removals' },
        { title: 'End of tenancy clean', categoryCode: 'moving.cleaning' },
      ],
      idempotencyKey: 'move-2026-03',
    };
    const created = await stack.gql(CREATE_INTENT, { input: intentInput }, individual.token);
    expect(created.errors).toBeUndefined();
    const intent = created.data!.createIntent;
    expect(intent.status).toBe('OPEN');
    expect(intent.exactLocation).toEqual({ lat: 53.8201, lng: -1.5763, postcode: 'LS6 3AB' });
    expect(intent.location.area).toBe('LS6');
    expect(intent.location.lat).not.toBe(53.8201);
    expect(intent.budget).toEqual({ amount: '1500.00', currency: 'GBP' });
    const [removalsComponent, cleaningComponent] = intent.components;

    // The same idempotency key returns the same intent instead of a second one.
    const again = await stack.gql(CREATE_INTENT, { input: intentInput }, individual.token);
    expect(again.data!.createIntent.id).toBe(intent.id);
    const reused = await stack.gql(CREATE_INTENT, { input: { ...intentInput, title: 'Other' } }, individual.token);
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // The worker matches the intent to the vendors whose category and area fit.
    await waitFor(async () => {
      const seen = await stack.gql(VENDOR_SEES_INTENT, { id: intent.id }, cleaners.token);
      return !seen.errors && seen.data?.intent;
    });
    const vendorView = await stack.gql(VENDOR_SEES_INTENT, { id: intent.id }, removals.token);
    expect(vendorView.errors).toBeUndefined();
    expect(vendorView.data!.intent.exactLocation).toBeNull();
    expect(vendorView.data!.intent.location).toEqual(intent.location);
    const farView = await stack.gql(VENDOR_SEES_INTENT, { id: intent.id }, farAway.token);
    expect(farView.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const removalsOffer = await stack.gql(
      MAKE_OFFER,
      {
        input: {
          intentId: intent.id,
          currency: 'GBP',
          validUntil: inDays(7),
          message: 'Two movers and a Luton van',
          lines: [{ componentId: removalsComponent.id, amount: '900', description: 'Removals' }],
        },
      },
      removals.token,
    );
    expect(removalsOffer.errors).toBeUndefined();
    const cleanersBundle = await stack.gql(
      MAKE_OFFER,
      {
        input: {
          intentId: intent.id,
          currency: 'GBP',
          validUntil: inDays(7),
          isBundle: true,
          total: '1100',
          lines: [{ componentId: removalsComponent.id }, { componentId: cleaningComponent.id }],
        },
      },
      cleaners.token,
    );
    expect(cleanersBundle.errors).toBeUndefined();
    const cleaningOnly = await stack.gql(
      MAKE_OFFER,
      {
        input: {
          intentId: intent.id,
          currency: 'GBP',
          validUntil: inDays(7),
          lines: [{ componentId: cleaningComponent.id, amount: '260' }],
        },
      },
      cleaners.token,
    );
    expect(cleaningOnly.errors).toBeUndefined();

    // One vendor revises: a new version, the old one kept.
    const revised = await stack.gql(
      REVISE_OFFER,
      {
        id: removalsOffer.data!.makeOffer.id,
        input: {
          currency: 'GBP',
          validUntil: inDays(7),
          lines: [{ componentId: removalsComponent.id, amount: '850' }],
        },
      },
      removals.token,
    );
    expect(revised.errors).toBeUndefined();
    expect(revised.data!.reviseOffer.current).toEqual({ version: 2, total: { amount: '850.00' } });
    expect(revised.data!.reviseOffer.versions.nodes).toEqual([
      { version: 2, total: { amount: '850.00' } },
      { version: 1, total: { amount: '900.00' } },
    ]);

    // Offers are sealed: a vendor lists only its own.
    const sealed = await stack.gql(
      `query($id: ID!) { intent(id: $id) { offers(first: 10) { nodes { id } } } }`,
      { id: intent.id },
      removals.token,
    );
    expect(sealed.data!.intent.offers.nodes).toEqual([{ id: removalsOffer.data!.makeOffer.id }]);

    const comparison = await stack.gql(COMPARE, { id: intent.id }, individual.token);
    expect(comparison.errors).toBeUndefined();
    expect(comparison.data!.intent.offers.nodes).toHaveLength(3);
    const [removalsRow, cleaningRow] = comparison.data!.intent.offerComparison.components;
    expect(removalsRow.offers.map((o: any) => [o.vendorName, o.price.amount])).toEqual([['Leeds Removals', '850.00']]);
    expect(cleaningRow.offers.map((o: any) => [o.vendorName, o.price.amount])).toEqual([
      ['Sparkle Cleaners', '260.00'],
    ]);
    expect(removalsRow.offers[0].vendorRating).toBeNull();
    expect(comparison.data!.intent.offerComparison.bundles).toEqual([
      {
        vendorName: 'Sparkle Cleaners',
        price: { amount: '1100.00' },
        componentIds: [removalsComponent.id, cleaningComponent.id],
      },
    ]);

    // Award one offer per component in one mutation.
    const awarded = await stack.gql(
      AWARD,
      {
        input: {
          intentId: intent.id,
          selections: [{ offerId: removalsOffer.data!.makeOffer.id }, { offerId: cleaningOnly.data!.makeOffer.id }],
        },
      },
      individual.token,
    );
    expect(awarded.errors).toBeUndefined();
    expect(awarded.data!.awardOffers.intent.status).toBe('AWARDED');
    const engagements = awarded.data!.awardOffers.engagements;
    expect(engagements.map((e: any) => [e.vendor.name, e.total.amount])).toEqual([
      ['Leeds Removals', '850.00'],
      ['Sparkle Cleaners', '260.00'],
    ]);

    // The bundle lost; each winner sees its own engagement only.
    const bundleAfter = await stack.gql(
      `query($id: ID!) { offer(id: $id) { status } }`,
      { id: cleanersBundle.data!.makeOffer.id },
      cleaners.token,
    );
    expect(bundleAfter.data!.offer.status).toBe('LOST');
    const removalsEngagements = await stack.gql(MY_ENGAGEMENTS, {}, removals.token);
    expect(removalsEngagements.data!.myEngagements.nodes).toHaveLength(1);
    expect(removalsEngagements.data!.myEngagements.nodes[0].offer.status).toBe('ACCEPTED');
    const otherEngagement = engagements.find((e: any) => e.vendor.name === 'Sparkle Cleaners');
    const peek = await stack.gql(
      `query($id: ID!) { engagement(id: $id) { id } }`,
      { id: otherEngagement.id },
      removals.token,
    );
    expect(peek.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const farEngagements = await stack.gql(MY_ENGAGEMENTS, {}, farAway.token);
    expect(farEngagements.data!.myEngagements.nodes).toHaveLength(0);
  });
});

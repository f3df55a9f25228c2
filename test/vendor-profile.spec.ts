import { type Actor, signUp } from './support/actors';
import { type TestStack, startTestStack } from './support/test-stack';

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateVendorProfileInput!) {
    updateVendorProfile(input: $input) {
      id
      keywords
    }
  }
`;

describe('vendor profile keywords', () => {
  let stack: TestStack;
  let vendor: Actor;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    vendor = await signUp(stack, 'VENDOR', 'Grand Piano Movers');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps the keywords as typed (trimmed, case-insensitive repeats dropped) and still matches them in any case', async () => {
    const place = { lat: 54.9783, lng: -1.6178 }; // Newcastle
    const updated = await stack.gql(
      UPDATE,
      {
        input: {
          description: 'Careful moves of heavy instruments',
          keywords: ['  Steinway ', 'HGV', 'steinway', 'hgv', 'Bösendorfer', ' ', 'STEINWAY'],
          serviceArea: { ...place, radiusKm: 40 },
        },
      },
      vendor.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateVendorProfile.keywords).toEqual(['Steinway', 'HGV', 'Bösendorfer']);

    // Read back: the vendor's own profile and its public one.
    const own = await stack.gql(`{ myVendorProfile { keywords } }`, {}, vendor.token);
    expect(own.data!.myVendorProfile.keywords).toEqual(['Steinway', 'HGV', 'Bösendorfer']);
    const individual = await signUp(stack, 'INDIVIDUAL', 'Piano Owner');
    const visible = await stack.gql(
      `query($id: ID!) { vendor(id: $id) { keywords } }`,
      { id: vendor.vendorId },
      individual.token,
    );
    expect(visible.data!.vendor.keywords).toEqual(['Steinway', 'HGV', 'Bösendorfer']);

    // Matching ignores case: the search document is lower-cased by to_tsvector.
    const [{ found }] = await stack.dataSource.query(
      `SELECT search_document @@ plainto_tsquery('english', 'steinway bösendorfer hgv') AS found FROM vendors WHERE id = $1`,
      [vendor.vendorId],
    );
    expect(found).toBe(true);
    const intent = await stack.gql(
      `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id } }`,
      { input: { title: 'Move an old steinway upstairs', location: place } },
      individual.token,
    );
    expect(intent.errors).toBeUndefined();
    await stack.settle();
    const [match] = await stack.dataSource.query(
      `SELECT reasons FROM intent_matches WHERE intent_id = $1 AND vendor_id = $2`,
      [intent.data!.createIntent.id, vendor.vendorId],
    );
    expect(match.reasons.words).toContain('steinway');
  });
});

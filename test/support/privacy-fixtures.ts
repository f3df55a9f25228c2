import { type Actor, LEEDS, inDays } from './actors';
import { type TestStack, waitFor } from './test-stack';

/** Helpers for the vault, disclosure, export and erasure suites. */

export const SET_VAULT_ITEM = /* GraphQL */ `
  mutation ($input: SetVaultItemInput!) {
    setVaultItem(input: $input) {
      key
      value
      sensitivity
    }
  }
`;

export async function fillVault(stack: TestStack, actor: Actor, items: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(items)) {
    const result = await stack.gql(SET_VAULT_ITEM, { input: { key, value } }, actor.token);
    if (result.errors) throw new Error(`setVaultItem ${key} failed: ${JSON.stringify(result.errors)}`);
  }
}

export interface PostedIntent {
  id: string;
  components: Array<{ id: string }>;
}

export async function postIntent(
  stack: TestStack,
  actor: Actor,
  input: Record<string, unknown> = {},
): Promise<PostedIntent> {
  const result = await stack.gql(
    `mutation($input: CreateIntentInput!) { createIntent(input: $input) { id components { id } } }`,
    {
      input: {
        title: 'House removals',
        categoryCode: 'moving.removals',
        location: LEEDS,
        budget: { amount: '2000', currency: 'GBP' },
        expiresAt: inDays(10),
        ...input,
      },
    },
    actor.token,
  );
  if (result.errors) throw new Error(`createIntent failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createIntent;
}

/** Waits until the worker matched the intent to the vendor (the vendor can see it). */
export async function waitUntilMatched(stack: TestStack, intentId: string, vendor: Actor): Promise<void> {
  await waitFor(
    async () => !(await stack.gql(`query($id: ID!) { intent(id: $id) { id } }`, { id: intentId }, vendor.token)).errors,
    20_000,
  );
}

export async function makeOffer(
  stack: TestStack,
  vendor: Actor,
  intent: PostedIntent,
  amount = '900',
): Promise<string> {
  const result = await stack.gql(
    `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
    {
      input: {
        intentId: intent.id,
        currency: 'GBP',
        validUntil: inDays(5),
        lines: [{ componentId: intent.components[0].id, amount }],
      },
    },
    vendor.token,
  );
  if (result.errors) throw new Error(`makeOffer failed: ${JSON.stringify(result.errors)}`);
  return result.data!.makeOffer.id;
}

export async function award(stack: TestStack, individual: Actor, intentId: string, offerId: string): Promise<string> {
  const result = await stack.gql(
    `mutation($input: AwardOffersInput!) { awardOffers(input: $input) { engagements { id } } }`,
    { input: { intentId, selections: [{ offerId }] } },
    individual.token,
  );
  if (result.errors) throw new Error(`awardOffers failed: ${JSON.stringify(result.errors)}`);
  return result.data!.awardOffers.engagements[0].id;
}

export async function setPolicy(
  stack: TestStack,
  individual: Actor,
  intentId: string,
  input: { broadcast?: string[]; offer?: string[]; award?: string[] },
): Promise<void> {
  const result = await stack.gql(
    `mutation($intentId: ID!, $input: DisclosurePolicyInput!) {
       setDisclosurePolicy(intentId: $intentId, input: $input) { broadcast offer award }
     }`,
    { intentId, input },
    individual.token,
  );
  if (result.errors) throw new Error(`setDisclosurePolicy failed: ${JSON.stringify(result.errors)}`);
}

export async function acceptTerms(stack: TestStack, vendor: Actor, intentId: string): Promise<void> {
  const result = await stack.gql(
    `mutation($intentId: ID!) { acceptPrivacyTerms(intentId: $intentId) { version acceptedByMe } }`,
    { intentId },
    vendor.token,
  );
  if (result.errors) throw new Error(`acceptPrivacyTerms failed: ${JSON.stringify(result.errors)}`);
}

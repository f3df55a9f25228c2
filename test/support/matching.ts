import { type Actor, inDays } from './actors';
import type { TestStack } from './test-stack';

const CREATE_INTENT = /* GraphQL */ `
  mutation ($input: CreateIntentInput!) {
    createIntent(input: $input) {
      id
      status
      location {
        lat
        lng
      }
      components {
        id
      }
    }
  }
`;

export interface OpenedIntent {
  id: string;
  location: { lat: number; lng: number };
  components: Array<{ id: string }>;
}

/** Opens an intent (expiring in a week unless given) and waits until the worker has matched it. */
export async function openIntent(
  stack: TestStack,
  owner: Actor,
  input: Record<string, unknown>,
): Promise<OpenedIntent> {
  const result = await stack.gql(CREATE_INTENT, { input: { expiresAt: inDays(7), ...input } }, owner.token);
  expect(result.errors).toBeUndefined();
  expect(result.data!.createIntent.status).toBe('OPEN');
  await stack.settle();
  return result.data!.createIntent as OpenedIntent;
}

export interface StoredMatch {
  vendor_id: string;
  score: number;
  reasons: Record<string, any>;
}

/** The stored matches of an intent, best first. */
export async function storedMatches(stack: TestStack, intentId: string): Promise<StoredMatch[]> {
  return stack.dataSource.query(
    `SELECT vendor_id, score, reasons FROM intent_matches WHERE intent_id = $1 ORDER BY score DESC, vendor_id`,
    [intentId],
  );
}

/** The intent as an item of the vendor's feed (`feedQuery` selects `feed { nodes { intent { id } … } }`), if there. */
export async function feedItem(stack: TestStack, feedQuery: string, vendor: Actor, intentId: string) {
  const result = await stack.gql(feedQuery, {}, vendor.token);
  expect(result.errors).toBeUndefined();
  return (result.data!.feed.nodes as Array<{ intent: { id: string }; score: number; reasons: any }>).find(
    (node) => node.intent.id === intentId,
  );
}

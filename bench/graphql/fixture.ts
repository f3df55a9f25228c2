/**
 * What every server in the GraphQL throughput bench answers: the same query, and (for the in-memory
 * servers) 20 intents shaped like the seeded ones the real API returns.
 */
import { randomUUID } from 'node:crypto';

export const ITEM_COUNT = 20;
export const COMPONENTS_PER_ITEM = 2;

export const LIST_QUERY = `query MyIntents {
  myIntents(first: ${ITEM_COUNT}) {
    nodes { id title status category { code name } components { id title } budget { amount currency } }
  }
}`;

/** Category codes used by the seed (all exist in the migrated taxonomy), cycled over the items. */
export const CATEGORIES = [
  { code: 'moving.removals', name: 'Removals' },
  { code: 'moving.packing', name: 'Packing' },
  { code: 'moving.storage', name: 'Storage' },
  { code: 'moving.cleaning', name: 'End-of-tenancy cleaning' },
];

export const itemTitle = (index: number) => `Bench intent ${index + 1}: move a two-bedroom flat`;
export const componentTitle = (index: number, position: number) => `Part ${position + 1} of intent ${index + 1}`;
export const BUDGET = { amount: '1250.00', currency: 'GBP' };

export interface MemoryCategory {
  code: string;
  name: string;
  parentCode: string | null;
  keywords: string[];
}

export interface MemoryComponent {
  id: string;
  position: number;
  title: string;
  description: string;
  optional: boolean;
  categoryCode: string | null;
}

/** Row-like intent (what the real API's resolvers receive from TypeORM). */
export interface MemoryIntentRow {
  id: string;
  title: string;
  description: string;
  status: 'open';
  categoryCode: string;
  budgetMinor: string;
  budgetCurrency: string;
  createdAt: Date;
}

/** The same intent with its relations already nested (what plain default resolvers serve). */
export interface MemoryIntent extends Omit<MemoryIntentRow, 'categoryCode' | 'budgetMinor' | 'budgetCurrency'> {
  category: MemoryCategory;
  components: MemoryComponent[];
  budget: { amount: string; currency: string };
}

export interface MemoryFixture {
  rows: MemoryIntentRow[];
  nested: MemoryIntent[];
  categories: Map<string, MemoryCategory>;
  componentsByIntent: Map<string, MemoryComponent[]>;
}

export function createFixture(): MemoryFixture {
  const categories = new Map<string, MemoryCategory>(
    CATEGORIES.map((c) => [c.code, { ...c, parentCode: 'moving', keywords: [] }]),
  );
  const componentsByIntent = new Map<string, MemoryComponent[]>();
  const rows: MemoryIntentRow[] = [];
  for (let index = 0; index < ITEM_COUNT; index += 1) {
    const id = randomUUID();
    rows.push({
      id,
      title: itemTitle(index),
      description: '',
      status: 'open',
      categoryCode: CATEGORIES[index % CATEGORIES.length].code,
      budgetMinor: '125000',
      budgetCurrency: 'GBP',
      createdAt: new Date(),
    });
    componentsByIntent.set(
      id,
      Array.from({ length: COMPONENTS_PER_ITEM }, (_, position) => ({
        id: randomUUID(),
        position,
        title: componentTitle(index, position),
        description: '',
        optional: false,
        categoryCode: null,
      })),
    );
  }
  const nested = rows.map(({ categoryCode, budgetMinor: _minor, budgetCurrency: _currency, ...row }) => ({
    ...row,
    category: categories.get(categoryCode)!,
    components: componentsByIntent.get(row.id)!,
    budget: { ...BUDGET },
  }));
  return { rows, nested, categories, componentsByIntent };
}

/** A connection as the API returns it (edges, nodes, pageInfo). */
export function connectionOf<T extends { id: string }>(nodes: T[]) {
  return {
    edges: nodes.map((node) => ({ cursor: node.id, node })),
    nodes,
    pageInfo: { hasNextPage: false, endCursor: nodes[nodes.length - 1]?.id ?? null },
  };
}

import { Brackets, type EntityMetadata, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Page, decodeCursor, toPage } from '@app/common';
import { getEntities } from './plain-entities';

export interface PageRequest {
  first: number;
  after?: string | null;
}

const checked = new WeakSet<EntityMetadata>();

/**
 * Cursors carry JavaScript's millisecond times, so a paged table must store created_at in
 * milliseconds too (`precision: 3`): with microseconds, rows sharing a millisecond at a page
 * boundary would be skipped. Checked once per entity, so a new list table cannot get it wrong.
 */
export function assertMillisecondCreatedAt(metadata: EntityMetadata): void {
  if (checked.has(metadata)) return;
  const column = metadata.findColumnWithDatabaseName('created_at');
  if (column?.precision !== 3) {
    throw new Error(`${metadata.tableName}.created_at must be timestamptz with precision 3 to be paged by cursor`);
  }
  checked.add(metadata);
}

/**
 * Newest-first keyset pagination over `<alias>.created_at, <alias>.id`
 * (every list table has an index ending in those two columns).
 */
export async function keysetPage<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageRequest,
): Promise<Page<T>> {
  assertMillisecondCreatedAt(query.expressionMap.mainAlias!.metadata);
  if (page.after) {
    const position = decodeCursor(page.after);
    query.andWhere(
      new Brackets((where) =>
        where
          .where(`${alias}.created_at < :afterAt`, { afterAt: position.at })
          .orWhere(`(${alias}.created_at = :afterAt AND ${alias}.id < :afterId)`, { afterId: position.id }),
      ),
    );
  }
  query
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(page.first + 1);
  const rows = await getEntities(query);
  return toPage(rows, page.first, (row) => ({ at: row.createdAt, id: row.id }));
}

export interface ParentScope {
  /** Column of the child table naming its parent, e.g. `intent_id`. */
  parentColumn: string;
  /** Extra SQL condition on the child rows (aliased as the child alias), e.g. visibility. */
  condition?: string;
  parameters?: Record<string, unknown>;
}

/**
 * The first page (newest first) of children for many parents in one query, for
 * DataLoader batching of nested connections: a window function numbers each
 * parent's children and keeps `first + 1` of them.
 */
export async function firstPagesByParent<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  parentIds: readonly string[],
  first: number,
  scope: ParentScope,
  parentOf: (row: T) => string,
): Promise<Array<Page<T>>> {
  assertMillisecondCreatedAt(query.expressionMap.mainAlias!.metadata);
  const table = query.expressionMap.mainAlias!.metadata.tableName;
  const condition = scope.condition ? `AND ${scope.condition}` : '';
  query
    .where(
      `${alias}.id IN (
        SELECT ranked.id FROM (
          SELECT ${alias}.id, row_number() OVER (
                   PARTITION BY ${alias}.${scope.parentColumn} ORDER BY ${alias}.created_at DESC, ${alias}.id DESC) AS position
            FROM "${table}" ${alias}
           WHERE ${alias}.${scope.parentColumn} = ANY(:parentIds) ${condition}
        ) ranked WHERE ranked.position <= :limit)`,
      { ...scope.parameters, parentIds: [...parentIds], limit: first + 1 },
    )
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC');
  const rows = await getEntities(query);
  const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(parentOf(row))?.push(row);
  return parentIds.map((id) => toPage(byParent.get(id) ?? [], first, (row) => ({ at: row.createdAt, id: row.id })));
}

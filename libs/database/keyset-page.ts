import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Page, decodeCursor, toPage } from '@app/common';

export interface PageRequest {
  first: number;
  after?: string | null;
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
  const rows = await query
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(page.first + 1)
    .getMany();
  return toPage(rows, page.first, (row) => ({ at: row.createdAt, id: row.id }));
}

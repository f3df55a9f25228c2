import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { badInput } from '@app/common';
import { Category } from './category.entity';

/**
 * How long a category read from the database is served from memory. The taxonomy only changes through
 * migrations (codes are never reused), so this bounds how long a renamed category keeps its old name.
 */
const CATEGORY_TTL_MS = 60_000;

@Injectable()
export class TaxonomyService {
  /** Categories by code, with the time until which each may be served without asking PostgreSQL. */
  private readonly cached = new Map<string, { category: Category; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /** Categories ordered by code; `after` is the last code of the previous page. */
  async list(parentCode: string | null | undefined, first: number, after?: string | null): Promise<Category[]> {
    const where = {
      ...(parentCode === undefined ? {} : { parentCode: parentCode === null ? IsNull() : parentCode }),
      ...(after ? { code: MoreThan(after) } : {}),
    };
    return this.dataSource.getRepository(Category).find({ where, order: { code: 'ASC' }, take: first + 1 });
  }

  /**
   * The categories with these codes (unknown codes are left out). Every relation of every list asks for
   * categories, so known ones come from memory (see CATEGORY_TTL_MS); only the others cost a query.
   */
  async findByCodes(codes: readonly string[]): Promise<Category[]> {
    if (codes.length === 0) return [];
    const now = Date.now();
    const found: Category[] = [];
    const missing = new Set<string>();
    for (const code of new Set(codes)) {
      const entry = this.cached.get(code);
      if (entry && entry.until > now) found.push(entry.category);
      else missing.add(code);
    }
    if (missing.size === 0) return found;
    const rows = await this.dataSource.getRepository(Category).find({ where: { code: In([...missing]) } });
    // Bounded by the taxonomy's size: only codes that exist are remembered.
    for (const category of rows) this.cached.set(category.code, { category, until: now + CATEGORY_TTL_MS });
    return [...found, ...rows];
  }

  /** Rejects unknown codes, naming the input field of the first one. */
  async assertExist(codes: Array<{ code: string | null | undefined; field: string }>): Promise<void> {
    const wanted = codes.filter((entry): entry is { code: string; field: string } => !!entry.code);
    if (wanted.length === 0) return;
    const found = new Set((await this.findByCodes([...new Set(wanted.map((e) => e.code))])).map((c) => c.code));
    const missing = wanted.find((entry) => !found.has(entry.code));
    if (missing) throw badInput(missing.field, `unknown category code "${missing.code}"`);
  }
}

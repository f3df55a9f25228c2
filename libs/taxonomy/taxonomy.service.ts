import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { badInput } from '@app/common';
import { Category } from './category.entity';

@Injectable()
export class TaxonomyService {
  constructor(private readonly dataSource: DataSource) {}

  /** Categories ordered by code; `after` is the last code of the previous page. */
  async list(parentCode: string | null | undefined, first: number, after?: string | null): Promise<Category[]> {
    const where = {
      ...(parentCode === undefined ? {} : { parentCode: parentCode === null ? IsNull() : parentCode }),
      ...(after ? { code: MoreThan(after) } : {}),
    };
    return this.dataSource.getRepository(Category).find({ where, order: { code: 'ASC' }, take: first + 1 });
  }

  async findByCodes(codes: readonly string[]): Promise<Category[]> {
    if (codes.length === 0) return [];
    return this.dataSource.getRepository(Category).find({ where: { code: In([...codes]) } });
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

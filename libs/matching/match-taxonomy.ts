import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CategoryNode, type FamilyMember, categoryFamily } from './category-family';

/** The taxonomy changes only through migrations; this bounds how long a new version goes unseen. */
const TAXONOMY_TTL_MS = 10 * 60_000;

export interface CategoryPhrase {
  /** As the taxonomy writes it: the category's name or one of its keywords. */
  phrase: string;
  /** Its lexemes (PostgreSQL's English dictionary), sorted. */
  lexemes: string[];
}

interface MatchCategory extends CategoryNode {
  phrases: CategoryPhrase[];
}

/** The taxonomy as matching reads it: families, and the phrases that say a category. */
export class TaxonomyForMatching {
  private readonly byCode: Map<string, MatchCategory>;

  constructor(private readonly categories: readonly MatchCategory[]) {
    this.byCode = new Map(categories.map((category) => [category.code, category]));
  }

  family(code: string): FamilyMember[] {
    return categoryFamily(code, this.categories);
  }

  /**
   * The phrases that say this category and no category outside its family: its name and keywords
   * ("removals", "man and van"), less those another category also uses ("florist" is both
   * funeral flowers and event florists).
   */
  distinctivePhrases(code: string): CategoryPhrase[] {
    const category = this.byCode.get(code);
    if (!category) return [];
    const family = new Set(this.family(code).map((member) => member.code));
    const elsewhere = new Set(
      this.categories
        .filter((other) => !family.has(other.code))
        .flatMap((other) => other.phrases.map((phrase) => phrase.lexemes.join(' '))),
    );
    return category.phrases.filter((phrase) => phrase.lexemes.length > 0 && !elsewhere.has(phrase.lexemes.join(' ')));
  }
}

/** Loads the taxonomy with its phrases' lexemes (one query), and keeps it for a while. */
@Injectable()
export class MatchTaxonomy {
  private cached: { loadedAt: number; value: Promise<TaxonomyForMatching> } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  get(): Promise<TaxonomyForMatching> {
    if (!this.cached || Date.now() - this.cached.loadedAt > TAXONOMY_TTL_MS) {
      const value = this.load();
      this.cached = { loadedAt: Date.now(), value };
      value.catch(() => (this.cached = null));
    }
    return this.cached.value;
  }

  private async load(): Promise<TaxonomyForMatching> {
    const rows: Array<{ code: string; parent_code: string | null; phrases: CategoryPhrase[] }> =
      await this.dataSource.query(
        `SELECT c.code, c.parent_code,
                coalesce((SELECT json_agg(json_build_object(
                                   'phrase', p.phrase,
                                   'lexemes', coalesce((SELECT array_agg(DISTINCT l.lexeme ORDER BY l.lexeme)
                                                          FROM unnest(to_tsvector('english', p.phrase)) AS l), '{}')))
                            FROM unnest(c.name || c.keywords) AS p(phrase)), '[]') AS phrases
           FROM categories c
          ORDER BY c.code`,
      );
    return new TaxonomyForMatching(
      rows.map((row) => ({ code: row.code, parentCode: row.parent_code, phrases: row.phrases })),
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_V1 } from '@app/taxonomy';

/** Seeds version 1 of the category taxonomy (frozen: later versions get their own migration). */
export class SeedCategoryTaxonomyV11795376000000 implements MigrationInterface {
  name = 'SeedCategoryTaxonomyV11795376000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO categories (code, name, parent_code, keywords)
       SELECT code, name, parent_code, keywords
         FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text, parent_code text, keywords text[])`,
      [
        JSON.stringify(
          TAXONOMY_V1.map((entry) => ({
            code: entry.code,
            name: entry.name,
            parent_code: entry.parentCode,
            keywords: entry.keywords,
          })),
        ),
      ],
    );
    await queryRunner.query(
      `ALTER TABLE categories ADD CONSTRAINT categories_parent_fk FOREIGN KEY (parent_code) REFERENCES categories(code) ON DELETE RESTRICT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE categories DROP CONSTRAINT categories_parent_fk`);
    await queryRunner.query(`DELETE FROM categories WHERE code = ANY($1::text[])`, [TAXONOMY_V1.map((e) => e.code)]);
  }
}

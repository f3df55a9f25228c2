import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists page by (created_at, id) with cursors that carry JavaScript's millisecond times. Stored in
 * microseconds, rows sharing a millisecond (rows written by one transaction share now()) could be
 * skipped at a page boundary; stored in milliseconds, a cursor names its row exactly.
 */
const TABLES = [
  'intents',
  'offers',
  'offer_versions',
  'engagements',
  'api_tokens',
  'consent_receipts',
  'disclosure_grants',
  'data_use_log',
  'intent_matches',
];

export class StoreListTimestampsInMilliseconds1795383000000 implements MigrationInterface {
  name = 'StoreListTimestampsInMilliseconds1795383000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE`);
    }
  }
}

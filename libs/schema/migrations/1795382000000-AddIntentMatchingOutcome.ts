import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIntentMatchingOutcome1795382000000 implements MigrationInterface {
  name = 'AddIntentMatchingOutcome1795382000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intents" ADD "matching_outcome" jsonb`);
    // Intents opened before this migration: matched if they have matches, else still pending.
    await queryRunner.query(`
      UPDATE "intents" i SET "matching_outcome" = jsonb_build_object(
        'state', CASE WHEN m.n > 0 THEN 'matched' ELSE 'pending' END,
        'at', to_jsonb(now()), 'vendorCount', coalesce(m.n, 0))
        FROM (SELECT i2.id, (SELECT count(*) FROM intent_matches im WHERE im.intent_id = i2.id) AS n
                FROM intents i2 WHERE i2.opened_at IS NOT NULL) m
       WHERE m.id = i.id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "matching_outcome"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox pruner finds dispatched rows past their retention by this index, not by a full scan. */
export class IndexDispatchedOutboxEvents1795384000000 implements MigrationInterface {
  name = 'IndexDispatchedOutboxEvents1795384000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "outbox_events_dispatched_idx" ON "outbox_events" ("dispatched_at") WHERE dispatched_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_dispatched_idx"`);
  }
}

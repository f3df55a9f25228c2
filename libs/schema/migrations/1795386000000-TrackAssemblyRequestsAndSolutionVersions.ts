import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requested vs computed assembly versions on intents (a recomputation is pending while the first is
 * higher), with the last change requested; solutions get extraOverBest and a saving that is never
 * negative.
 */
export class TrackAssemblyRequestsAndSolutionVersions1795386000000 implements MigrationInterface {
  name = 'TrackAssemblyRequestsAndSolutionVersions1795386000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intents" ADD "assembly_requested_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "intents" ADD "assembly_computed_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "intents" ADD "assembly_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "intents" ADD "assembly_requested_change" jsonb`);
    // An outcome stored as pending had its job queued: count it as requested, so the sweeper sees it.
    await queryRunner.query(
      `UPDATE "intents" SET "assembly_requested_version" = 1, "assembly_requested_at" = now()
        WHERE "assembly_outcome"->>'state' = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "intents_assembly_pending_idx" ON "intents" ("assembly_requested_at") WHERE status = 'open' AND assembly_requested_version > assembly_computed_version`,
    );
    await queryRunner.query(`ALTER TABLE "intent_solutions" ADD "extra_over_best_minor" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "intent_solutions" s SET "extra_over_best_minor" = s."total_minor" - best."total_minor"
         FROM "intent_solutions" best WHERE best."intent_id" = s."intent_id" AND best."rank" = 1`,
    );
    await queryRunner.query(`UPDATE "intent_solutions" SET "saving_minor" = 0 WHERE "saving_minor" < 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intent_solutions" DROP COLUMN "extra_over_best_minor"`);
    await queryRunner.query(`DROP INDEX "public"."intents_assembly_pending_idx"`);
    await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "assembly_requested_change"`);
    await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "assembly_requested_at"`);
    await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "assembly_computed_version"`);
    await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "assembly_requested_version"`);
  }
}

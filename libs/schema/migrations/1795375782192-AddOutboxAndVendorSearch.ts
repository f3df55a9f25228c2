import { MigrationInterface, QueryRunner } from "typeorm";

export class AddOutboxAndVendorSearch1795375782192 implements MigrationInterface {
    name = 'AddOutboxAndVendorSearch1795375782192'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "outbox_events_pending_idx" ON "outbox_events"  ("id") WHERE dispatched_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "vendors" ADD "search_document" tsvector`);
        // Kept by a trigger rather than by the application, so rows written by seeds and bulk loads are searchable too.
        await queryRunner.query(`
            CREATE FUNCTION vendors_search_document_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_document :=
                    setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
                    setweight(to_tsvector('english', array_to_string(NEW.keywords, ' ')), 'A') ||
                    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B');
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE TRIGGER vendors_search_document_refresh
            BEFORE INSERT OR UPDATE OF name, keywords, description ON "vendors"
            FOR EACH ROW EXECUTE FUNCTION vendors_search_document_refresh()`);
        await queryRunner.query(`CREATE INDEX "vendors_search_idx" ON "vendors" USING GIN ("search_document")`);
        await queryRunner.query(`CREATE INDEX "vendors_categories_idx" ON "vendors" USING GIN ("category_codes")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."vendors_categories_idx"`);
        await queryRunner.query(`DROP INDEX "public"."vendors_search_idx"`);
        await queryRunner.query(`DROP TRIGGER vendors_search_document_refresh ON "vendors"`);
        await queryRunner.query(`DROP FUNCTION vendors_search_document_refresh()`);
        await queryRunner.query(`ALTER TABLE "vendors" DROP COLUMN "search_document"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_events_pending_idx"`);
        await queryRunner.query(`DROP TABLE "outbox_events"`);
    }

}

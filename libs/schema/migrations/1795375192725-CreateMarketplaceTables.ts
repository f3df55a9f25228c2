import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateMarketplaceTables1795375192725 implements MigrationInterface {
    name = 'CreateMarketplaceTables1795375192725'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "email" text, "password_hash" text, "display_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "erased_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "accounts_email_key" ON "accounts"  ("email") `);
        await queryRunner.query(`CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "api_tokens_account_idx" ON "api_tokens"  ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "vendors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "keywords" text array NOT NULL DEFAULT '{}', "languages" text array NOT NULL DEFAULT '{}', "category_codes" text array NOT NULL DEFAULT '{}', "service_lat" double precision, "service_lng" double precision, "service_radius_km" integer, "verification" text NOT NULL DEFAULT 'unverified', "rating_average" double precision, "rating_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_8a9e47d96b2bfcbc05b478c61c" UNIQUE ("account_id"), CONSTRAINT "PK_9c956c9797edfae5c6ddacc4e6e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vendors_account_key" ON "vendors"  ("account_id") `);
        await queryRunner.query(`CREATE TABLE "categories" ("code" text NOT NULL, "name" text NOT NULL, "parent_code" text, "keywords" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_77d7eff8a7aaa05457a12b8007a" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "categories_parent_idx" ON "categories"  ("parent_code") `);
        await queryRunner.query(`CREATE TABLE "intents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "category_code" text, "status" text NOT NULL DEFAULT 'draft', "location_text" text, "exact_lat" double precision, "exact_lng" double precision, "coarse_lat" double precision, "coarse_lng" double precision, "coarse_area" text, "window_start" TIMESTAMP WITH TIME ZONE, "window_end" TIMESTAMP WITH TIME ZONE, "budget_minor" bigint, "budget_currency" character(3), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "intents_window_order" CHECK (window_end IS NULL OR window_start IS NULL OR window_end >= window_start), CONSTRAINT "intents_budget_non_negative" CHECK (budget_minor IS NULL OR budget_minor >= 0), CONSTRAINT "PK_3c872dee52ac2d2f2a46148618e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "intents_open_expiry_idx" ON "intents"  ("expires_at") WHERE status = 'open'`);
        await queryRunner.query(`CREATE INDEX "intents_owner_created_idx" ON "intents"  ("owner_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intent_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', "current_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "offers_vendor_idx" ON "offers"  ("vendor_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "offers_intent_idx" ON "offers"  ("intent_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "offer_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offer_id" uuid NOT NULL, "version" integer NOT NULL, "total_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "is_bundle" boolean NOT NULL DEFAULT false, "lines" jsonb NOT NULL, "message" text NOT NULL DEFAULT '', "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "offer_versions_total_non_negative" CHECK (total_minor >= 0), CONSTRAINT "PK_b634b28810bd798be9ae7dc0564" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "offer_versions_offer_version_key" ON "offer_versions"  ("offer_id", "version") `);
        await queryRunner.query(`CREATE TABLE "engagements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intent_id" uuid NOT NULL, "offer_id" uuid NOT NULL, "offer_version_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "individual_id" uuid NOT NULL, "component_ids" uuid array NOT NULL, "total_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "status" text NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aec8c95c82a37a5791001cdb9ae" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "engagements_offer_key" ON "engagements"  ("offer_id") `);
        await queryRunner.query(`CREATE INDEX "engagements_individual_idx" ON "engagements"  ("individual_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "engagements_vendor_idx" ON "engagements"  ("vendor_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "engagements_intent_idx" ON "engagements"  ("intent_id") `);
        await queryRunner.query(`CREATE TABLE "intent_components" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intent_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "category_code" text, "optional" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_89f7c0c025d6330b5fd638db5d1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "intent_components_intent_position_key" ON "intent_components"  ("intent_id", "position") `);
        await queryRunner.query(`CREATE TABLE "intent_matches" ("intent_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "score" double precision NOT NULL, "reasons" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "declined_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_49e8303a652db275938f388664c" PRIMARY KEY ("intent_id", "vendor_id"))`);
        await queryRunner.query(`CREATE INDEX "intent_matches_vendor_feed_idx" ON "intent_matches"  ("vendor_id", "created_at", "intent_id") `);
        await queryRunner.query(`CREATE TABLE "idempotency_records" ("account_id" uuid NOT NULL, "scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "resource_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d58163d77564d50363090d5b7e" PRIMARY KEY ("account_id", "scope", "key"))`);
        await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_5c25c1f4973320571027bfc1c14" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vendors" ADD CONSTRAINT "FK_8a9e47d96b2bfcbc05b478c61c4" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intents" ADD CONSTRAINT "FK_83dccb4eb151e4d45ce4c461a6f" FOREIGN KEY ("owner_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intents" ADD CONSTRAINT "FK_638ddb8ad461150650e25d9e3d1" FOREIGN KEY ("category_code") REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "offers" ADD CONSTRAINT "FK_b12019538cb7456671630dd3785" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "offers" ADD CONSTRAINT "FK_7c044cd5d10464ecd931e4c3296" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "offer_versions" ADD CONSTRAINT "FK_b04437b0ad125a61206652d95a7" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engagements" ADD CONSTRAINT "FK_c47a42d7138c8cb429b6489e750" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engagements" ADD CONSTRAINT "FK_9297f1a0b67beeefae9b341ca40" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engagements" ADD CONSTRAINT "FK_c906c5901efec0d7f2b0eccb156" FOREIGN KEY ("offer_version_id") REFERENCES "offer_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engagements" ADD CONSTRAINT "FK_266292d796880581d914bfb6a4d" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engagements" ADD CONSTRAINT "FK_789dddc5718fff9a43b694ec7b2" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_components" ADD CONSTRAINT "FK_206706334ce343fc43e9402130f" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_components" ADD CONSTRAINT "FK_4220120a9a8a8956b1ccc8e0178" FOREIGN KEY ("category_code") REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_matches" ADD CONSTRAINT "FK_1425bc8d3eab86fdec074d232d5" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_matches" ADD CONSTRAINT "FK_626fcdfcf727af8622f5b98f923" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "idempotency_records" ADD CONSTRAINT "FK_9d975634089ff08515c62ded578" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "idempotency_records" DROP CONSTRAINT "FK_9d975634089ff08515c62ded578"`);
        await queryRunner.query(`ALTER TABLE "intent_matches" DROP CONSTRAINT "FK_626fcdfcf727af8622f5b98f923"`);
        await queryRunner.query(`ALTER TABLE "intent_matches" DROP CONSTRAINT "FK_1425bc8d3eab86fdec074d232d5"`);
        await queryRunner.query(`ALTER TABLE "intent_components" DROP CONSTRAINT "FK_4220120a9a8a8956b1ccc8e0178"`);
        await queryRunner.query(`ALTER TABLE "intent_components" DROP CONSTRAINT "FK_206706334ce343fc43e9402130f"`);
        await queryRunner.query(`ALTER TABLE "engagements" DROP CONSTRAINT "FK_789dddc5718fff9a43b694ec7b2"`);
        await queryRunner.query(`ALTER TABLE "engagements" DROP CONSTRAINT "FK_266292d796880581d914bfb6a4d"`);
        await queryRunner.query(`ALTER TABLE "engagements" DROP CONSTRAINT "FK_c906c5901efec0d7f2b0eccb156"`);
        await queryRunner.query(`ALTER TABLE "engagements" DROP CONSTRAINT "FK_9297f1a0b67beeefae9b341ca40"`);
        await queryRunner.query(`ALTER TABLE "engagements" DROP CONSTRAINT "FK_c47a42d7138c8cb429b6489e750"`);
        await queryRunner.query(`ALTER TABLE "offer_versions" DROP CONSTRAINT "FK_b04437b0ad125a61206652d95a7"`);
        await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_7c044cd5d10464ecd931e4c3296"`);
        await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_b12019538cb7456671630dd3785"`);
        await queryRunner.query(`ALTER TABLE "intents" DROP CONSTRAINT "FK_638ddb8ad461150650e25d9e3d1"`);
        await queryRunner.query(`ALTER TABLE "intents" DROP CONSTRAINT "FK_83dccb4eb151e4d45ce4c461a6f"`);
        await queryRunner.query(`ALTER TABLE "vendors" DROP CONSTRAINT "FK_8a9e47d96b2bfcbc05b478c61c4"`);
        await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_5c25c1f4973320571027bfc1c14"`);
        await queryRunner.query(`DROP TABLE "idempotency_records"`);
        await queryRunner.query(`DROP INDEX "public"."intent_matches_vendor_feed_idx"`);
        await queryRunner.query(`DROP TABLE "intent_matches"`);
        await queryRunner.query(`DROP INDEX "public"."intent_components_intent_position_key"`);
        await queryRunner.query(`DROP TABLE "intent_components"`);
        await queryRunner.query(`DROP INDEX "public"."engagements_intent_idx"`);
        await queryRunner.query(`DROP INDEX "public"."engagements_vendor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."engagements_individual_idx"`);
        await queryRunner.query(`DROP INDEX "public"."engagements_offer_key"`);
        await queryRunner.query(`DROP TABLE "engagements"`);
        await queryRunner.query(`DROP INDEX "public"."offer_versions_offer_version_key"`);
        await queryRunner.query(`DROP TABLE "offer_versions"`);
        await queryRunner.query(`DROP INDEX "public"."offers_intent_idx"`);
        await queryRunner.query(`DROP INDEX "public"."offers_vendor_idx"`);
        await queryRunner.query(`DROP TABLE "offers"`);
        await queryRunner.query(`DROP INDEX "public"."intents_owner_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."intents_open_expiry_idx"`);
        await queryRunner.query(`DROP TABLE "intents"`);
        await queryRunner.query(`DROP INDEX "public"."categories_parent_idx"`);
        await queryRunner.query(`DROP TABLE "categories"`);
        await queryRunner.query(`DROP INDEX "public"."vendors_account_key"`);
        await queryRunner.query(`DROP TABLE "vendors"`);
        await queryRunner.query(`DROP INDEX "public"."api_tokens_hash_key"`);
        await queryRunner.query(`DROP INDEX "public"."api_tokens_account_idx"`);
        await queryRunner.query(`DROP TABLE "api_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."accounts_email_key"`);
        await queryRunner.query(`DROP TABLE "accounts"`);
    }

}

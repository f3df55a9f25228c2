import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPersonalDataVaultDisclosureAndErasure1795378323190 implements MigrationInterface {
    name = 'AddPersonalDataVaultDisclosureAndErasure1795378323190'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "disclosure_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "individual_id" uuid NOT NULL, "intent_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "stage" text NOT NULL, "item_keys" text array NOT NULL, "purpose" text NOT NULL, "terms_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "disclosure_grants_stage_known" CHECK (stage IN ('broadcast', 'offer', 'award')), CONSTRAINT "PK_4a04ea38d98697fc40202a11adc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "disclosure_grants_active_key" ON "disclosure_grants"  ("intent_id", "vendor_id", "stage") WHERE ended_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "disclosure_grants_intent_vendor_idx" ON "disclosure_grants"  ("intent_id", "vendor_id") `);
        await queryRunner.query(`CREATE INDEX "disclosure_grants_individual_idx" ON "disclosure_grants"  ("individual_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "consent_receipts" ("id" uuid NOT NULL, "individual_id" uuid NOT NULL, "grant_id" uuid NOT NULL, "document" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46b9d6335a3f228e4d46475b061" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "consent_receipts_grant_key" ON "consent_receipts"  ("grant_id") `);
        await queryRunner.query(`CREATE INDEX "consent_receipts_individual_idx" ON "consent_receipts"  ("individual_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "data_use_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "individual_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "intent_id" uuid NOT NULL, "item_keys" text array NOT NULL, "purpose" text NOT NULL, "outcome" text NOT NULL, "detail" text, "access_path" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "data_use_log_outcome_known" CHECK (outcome IN ('read', 'denied')), CONSTRAINT "PK_6d146e30d6cf8bc23bfd40d1618" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "data_use_log_individual_intent_idx" ON "data_use_log"  ("individual_id", "intent_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "data_use_log_individual_vendor_idx" ON "data_use_log"  ("individual_id", "vendor_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "data_use_log_individual_idx" ON "data_use_log"  ("individual_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "disclosure_policies" ("intent_id" uuid NOT NULL, "individual_id" uuid NOT NULL, "broadcast_keys" text array NOT NULL DEFAULT '{}', "offer_keys" text array NOT NULL DEFAULT '{}', "award_keys" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_77bb1c23c397a067c74cf82b938" PRIMARY KEY ("intent_id"))`);
        await queryRunner.query(`CREATE INDEX "disclosure_policies_individual_idx" ON "disclosure_policies"  ("individual_id") `);
        await queryRunner.query(`CREATE TABLE "intent_privacy_terms" ("intent_id" uuid NOT NULL, "individual_id" uuid NOT NULL, "version" integer NOT NULL, "no_marketing" boolean NOT NULL, "no_resale" boolean NOT NULL, "retention_days" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a6d23f5e31b2e312e1ea308589" PRIMARY KEY ("intent_id"))`);
        await queryRunner.query(`CREATE TABLE "privacy_terms_acceptances" ("intent_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "version" integer NOT NULL, "terms" jsonb NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30b5fba305bae923a8ed903ebf8" PRIMARY KEY ("intent_id", "vendor_id", "version"))`);
        await queryRunner.query(`CREATE TABLE "erasure_requests" ("id" uuid NOT NULL, "account_id" uuid, "token_hash" text NOT NULL, "status" text NOT NULL, "summary" jsonb NOT NULL DEFAULT '{}', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "erasure_requests_status_known" CHECK (status IN ('pending', 'scrubbed', 'completed')), CONSTRAINT "PK_75acaa00d66ed88c38230c54505" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "erasure_requests_account_key" ON "erasure_requests"  ("account_id") WHERE account_id IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "erasure_requests_token_key" ON "erasure_requests"  ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "erasure_requests_unfinished_idx" ON "erasure_requests"  ("requested_at") WHERE status <> 'completed'`);
        await queryRunner.query(`CREATE TABLE "vault_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "individual_id" uuid NOT NULL, "item_key" text NOT NULL, "sensitivity" text NOT NULL, "sealed_value" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "vault_items_sensitivity_known" CHECK (sensitivity IN ('basic', 'contact', 'financial', 'health', 'identity')), CONSTRAINT "PK_5f8f06333e32f168cfce6f3158f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vault_items_individual_key_key" ON "vault_items"  ("individual_id", "item_key") `);
        await queryRunner.query(`CREATE TABLE "vault_keys" ("individual_id" uuid NOT NULL, "wrapped_key" bytea NOT NULL, "master_key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_445f0949e79105f5a2c36be0f8f" PRIMARY KEY ("individual_id"))`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" ADD CONSTRAINT "FK_73bf189b15233cab4b3122164ff" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" ADD CONSTRAINT "FK_37ae84d2aaf71ca2fa12e4671ce" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" ADD CONSTRAINT "FK_1e44f7234d3983cbc97e25cd39d" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consent_receipts" ADD CONSTRAINT "FK_a1e0219b621a66f997e57e85758" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consent_receipts" ADD CONSTRAINT "FK_a324ce6a08b9f02126d7809127b" FOREIGN KEY ("grant_id") REFERENCES "disclosure_grants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "data_use_log" ADD CONSTRAINT "FK_1b587559f7288e218777989848a" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "data_use_log" ADD CONSTRAINT "FK_3f7b71fa1b171d6e95073f6e715" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "data_use_log" ADD CONSTRAINT "FK_465c11ae4d58151902924e30459" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disclosure_policies" ADD CONSTRAINT "FK_77bb1c23c397a067c74cf82b938" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disclosure_policies" ADD CONSTRAINT "FK_6c09f264808ac8857d5f19cb595" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_privacy_terms" ADD CONSTRAINT "FK_8a6d23f5e31b2e312e1ea308589" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_privacy_terms" ADD CONSTRAINT "FK_61aafb12cdffeb0a789a29b516f" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "privacy_terms_acceptances" ADD CONSTRAINT "FK_f15cac65b8708951760012e7d54" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "privacy_terms_acceptances" ADD CONSTRAINT "FK_f49cad29517b4e74ab5e2d26c03" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "erasure_requests" ADD CONSTRAINT "FK_3a3f8526adc71f0cd0827c9e7e0" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vault_items" ADD CONSTRAINT "FK_43699234f7decdaa8d7becb3551" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vault_keys" ADD CONSTRAINT "FK_445f0949e79105f5a2c36be0f8f" FOREIGN KEY ("individual_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Append-only, enforced by PostgreSQL itself: the data-use log and the consent receipts refuse
        // UPDATE, DELETE and TRUNCATE whoever asks (the application included).
        await queryRunner.query(`
            CREATE FUNCTION intentcast_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
        for (const table of ['data_use_log', 'consent_receipts']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION intentcast_refuse_change()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION intentcast_refuse_change()`);
            await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM PUBLIC`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['data_use_log', 'consent_receipts']) {
            await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION intentcast_refuse_change()`);
        await queryRunner.query(`ALTER TABLE "vault_keys" DROP CONSTRAINT "FK_445f0949e79105f5a2c36be0f8f"`);
        await queryRunner.query(`ALTER TABLE "vault_items" DROP CONSTRAINT "FK_43699234f7decdaa8d7becb3551"`);
        await queryRunner.query(`ALTER TABLE "erasure_requests" DROP CONSTRAINT "FK_3a3f8526adc71f0cd0827c9e7e0"`);
        await queryRunner.query(`ALTER TABLE "privacy_terms_acceptances" DROP CONSTRAINT "FK_f49cad29517b4e74ab5e2d26c03"`);
        await queryRunner.query(`ALTER TABLE "privacy_terms_acceptances" DROP CONSTRAINT "FK_f15cac65b8708951760012e7d54"`);
        await queryRunner.query(`ALTER TABLE "intent_privacy_terms" DROP CONSTRAINT "FK_61aafb12cdffeb0a789a29b516f"`);
        await queryRunner.query(`ALTER TABLE "intent_privacy_terms" DROP CONSTRAINT "FK_8a6d23f5e31b2e312e1ea308589"`);
        await queryRunner.query(`ALTER TABLE "disclosure_policies" DROP CONSTRAINT "FK_6c09f264808ac8857d5f19cb595"`);
        await queryRunner.query(`ALTER TABLE "disclosure_policies" DROP CONSTRAINT "FK_77bb1c23c397a067c74cf82b938"`);
        await queryRunner.query(`ALTER TABLE "data_use_log" DROP CONSTRAINT "FK_465c11ae4d58151902924e30459"`);
        await queryRunner.query(`ALTER TABLE "data_use_log" DROP CONSTRAINT "FK_3f7b71fa1b171d6e95073f6e715"`);
        await queryRunner.query(`ALTER TABLE "data_use_log" DROP CONSTRAINT "FK_1b587559f7288e218777989848a"`);
        await queryRunner.query(`ALTER TABLE "consent_receipts" DROP CONSTRAINT "FK_a324ce6a08b9f02126d7809127b"`);
        await queryRunner.query(`ALTER TABLE "consent_receipts" DROP CONSTRAINT "FK_a1e0219b621a66f997e57e85758"`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" DROP CONSTRAINT "FK_1e44f7234d3983cbc97e25cd39d"`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" DROP CONSTRAINT "FK_37ae84d2aaf71ca2fa12e4671ce"`);
        await queryRunner.query(`ALTER TABLE "disclosure_grants" DROP CONSTRAINT "FK_73bf189b15233cab4b3122164ff"`);
        await queryRunner.query(`DROP TABLE "vault_keys"`);
        await queryRunner.query(`DROP INDEX "public"."vault_items_individual_key_key"`);
        await queryRunner.query(`DROP TABLE "vault_items"`);
        await queryRunner.query(`DROP INDEX "public"."erasure_requests_unfinished_idx"`);
        await queryRunner.query(`DROP INDEX "public"."erasure_requests_token_key"`);
        await queryRunner.query(`DROP INDEX "public"."erasure_requests_account_key"`);
        await queryRunner.query(`DROP TABLE "erasure_requests"`);
        await queryRunner.query(`DROP TABLE "privacy_terms_acceptances"`);
        await queryRunner.query(`DROP TABLE "intent_privacy_terms"`);
        await queryRunner.query(`DROP INDEX "public"."disclosure_policies_individual_idx"`);
        await queryRunner.query(`DROP TABLE "disclosure_policies"`);
        await queryRunner.query(`DROP INDEX "public"."data_use_log_individual_idx"`);
        await queryRunner.query(`DROP INDEX "public"."data_use_log_individual_vendor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."data_use_log_individual_intent_idx"`);
        await queryRunner.query(`DROP TABLE "data_use_log"`);
        await queryRunner.query(`DROP INDEX "public"."consent_receipts_individual_idx"`);
        await queryRunner.query(`DROP INDEX "public"."consent_receipts_grant_key"`);
        await queryRunner.query(`DROP TABLE "consent_receipts"`);
        await queryRunner.query(`DROP INDEX "public"."disclosure_grants_individual_idx"`);
        await queryRunner.query(`DROP INDEX "public"."disclosure_grants_intent_vendor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."disclosure_grants_active_key"`);
        await queryRunner.query(`DROP TABLE "disclosure_grants"`);
    }

}

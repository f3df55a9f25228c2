import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Signed webhooks: a vendor's endpoints (signing secret sealed), one delivery per endpoint and
 * notification (unique: a resent notification is delivered once), and the log of every attempt.
 */
export class AddWebhookEndpointsAndDeliveries1795381000000 implements MigrationInterface {
    name = 'AddWebhookEndpointsAndDeliveries1795381000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vendor_id" uuid NOT NULL, "url" text NOT NULL, "event_types" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "secret_sealed" bytea NOT NULL, "secret_key_id" text NOT NULL, "previous_secret_sealed" bytea, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_endpoints_enabled_vendor_idx" ON "webhook_endpoints"  ("vendor_id") WHERE enabled`);
        await queryRunner.query(`CREATE INDEX "webhook_endpoints_vendor_idx" ON "webhook_endpoints"  ("vendor_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "notification_id" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempt_count" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_response_status" integer, "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_deliveries_status_known" CHECK (status IN ('pending', 'succeeded', 'failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "webhook_deliveries_endpoint_notification_key" ON "webhook_deliveries"  ("endpoint_id", "notification_id") `);
        await queryRunner.query(`CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "number" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "response_status" integer, "error" text, "response_snippet" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "webhook_delivery_attempts_delivery_number_key" ON "webhook_delivery_attempts"  ("delivery_id", "number") `);
        await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_b4cc02a0998d09d08e47d9bcade" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_647916c401c0c275df5f00c148f"`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_b4cc02a0998d09d08e47d9bcade"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_delivery_attempts_delivery_number_key"`);
        await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_endpoint_notification_key"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_endpoint_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_pending_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_endpoints_vendor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_endpoints_enabled_vendor_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    }
}

import { MigrationInterface, QueryRunner } from "typeorm";
import { PLAYBOOKS_V1 } from "@app/playbooks/playbooks.data";

export class AddPlaybooksAndSolutions1795376874820 implements MigrationInterface {
    name = 'AddPlaybooksAndSolutions1795376874820'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "playbooks" ("code" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "origin" text NOT NULL DEFAULT 'seeded', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30edc862089fcfa78d4f2ae5e6f" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "playbook_components" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "playbook_code" text NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "explanation" text NOT NULL DEFAULT '', "category_code" text NOT NULL, "optional" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_70a6a69cb639813b149dbb42e8c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "playbook_components_position_key" ON "playbook_components"  ("playbook_code", "position") `);
        await queryRunner.query(`CREATE TABLE "intent_solutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "intent_id" uuid NOT NULL, "rank" integer NOT NULL, "total_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "saving_minor" bigint, "proven_optimal" boolean NOT NULL, "selections" jsonb NOT NULL, "vendors" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7311802b7cc5f10c8d7790d0dc3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "intent_solutions_intent_rank_key" ON "intent_solutions"  ("intent_id", "rank") `);
        await queryRunner.query(`ALTER TABLE "intents" ADD "solution_constraints" jsonb NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "intents" ADD "assembly_outcome" jsonb`);
        await queryRunner.query(`ALTER TABLE "intents" ADD "playbook_code" text`);
        await queryRunner.query(`ALTER TABLE "playbook_components" ADD CONSTRAINT "FK_37ceb05c92979661882a34dabfc" FOREIGN KEY ("playbook_code") REFERENCES "playbooks"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "playbook_components" ADD CONSTRAINT "FK_4021eaabe166ee7ca85404e1298" FOREIGN KEY ("category_code") REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "intent_solutions" ADD CONSTRAINT "FK_d11fa28df00e4f684a0a1280c4a" FOREIGN KEY ("intent_id") REFERENCES "intents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Seed version 1 of the life-event playbooks (frozen; later versions get their own migration).
        await queryRunner.query(
            `INSERT INTO playbooks (code, name, description, origin)
             SELECT code, name, description, 'seeded' FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text, description text)`,
            [JSON.stringify(PLAYBOOKS_V1.map(({ code, name, description }) => ({ code, name, description })))],
        );
        await queryRunner.query(
            `INSERT INTO playbook_components (playbook_code, position, title, explanation, category_code, optional)
             SELECT playbook_code, position, title, explanation, category_code, optional
               FROM jsonb_to_recordset($1::jsonb)
                 AS t(playbook_code text, position int, title text, explanation text, category_code text, optional boolean)`,
            [JSON.stringify(PLAYBOOKS_V1.flatMap((playbook) => playbook.components.map((component, position) => ({
                playbook_code: playbook.code, position, title: component.title, explanation: component.explanation,
                category_code: component.categoryCode, optional: component.optional ?? false,
            }))))],
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "intent_solutions" DROP CONSTRAINT "FK_d11fa28df00e4f684a0a1280c4a"`);
        await queryRunner.query(`ALTER TABLE "playbook_components" DROP CONSTRAINT "FK_4021eaabe166ee7ca85404e1298"`);
        await queryRunner.query(`ALTER TABLE "playbook_components" DROP CONSTRAINT "FK_37ceb05c92979661882a34dabfc"`);
        await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "playbook_code"`);
        await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "assembly_outcome"`);
        await queryRunner.query(`ALTER TABLE "intents" DROP COLUMN "solution_constraints"`);
        await queryRunner.query(`DROP INDEX "public"."intent_solutions_intent_rank_key"`);
        await queryRunner.query(`DROP TABLE "intent_solutions"`);
        await queryRunner.query(`DROP INDEX "public"."playbook_components_position_key"`);
        await queryRunner.query(`DROP TABLE "playbook_components"`);
        await queryRunner.query(`DROP TABLE "playbooks"`);
    }

}

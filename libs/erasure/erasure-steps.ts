import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/database';
import { GrantEndReason } from '@app/disclosure';
import type { ErasureSummary } from './erasure-request.entity';

export interface ErasureSubject {
  accountId: string;
  /** Intents the individual posted. */
  intentIds: string[];
}

/** One part of scrubbing the database; all run in one transaction and are safe to run twice. */
export interface ErasureStep {
  name: string;
  run(manager: EntityManager, subject: ErasureSubject): Promise<ErasureSummary>;
}

const ERASED_TEXT = '[erased]';
export const ERASED_DISPLAY_NAME = 'Erased individual';

const count = async (manager: EntityManager, sql: string, parameters: unknown[]) =>
  (await queryRows<{ id: unknown }>(manager, `${sql} RETURNING 1 AS id`, parameters)).length;

/**
 * Every table that holds something of the individual, and what erasure does to it. A context that
 * adds such a table adds its step here (the erasure canary test fails until it does).
 */
export const ERASURE_STEPS: ErasureStep[] = [
  {
    name: 'vault: destroy the data key, delete the sealed items',
    run: async (manager, { accountId }) => ({
      vaultItemsDeleted: await count(manager, `DELETE FROM vault_items WHERE individual_id = $1`, [accountId]),
      vaultKeyDestroyed: (await count(manager, `DELETE FROM vault_keys WHERE individual_id = $1`, [accountId])) > 0,
    }),
  },
  {
    name: 'disclosure: end every grant (vendors keep no access), delete the policies',
    run: async (manager, { accountId }) => ({
      grantsEnded: await count(
        manager,
        `UPDATE disclosure_grants SET ended_at = now(), end_reason = $2 WHERE individual_id = $1 AND ended_at IS NULL`,
        [accountId, GrantEndReason.ERASED],
      ),
      disclosurePoliciesDeleted: await count(manager, `DELETE FROM disclosure_policies WHERE individual_id = $1`, [
        accountId,
      ]),
    }),
  },
  {
    name: 'intents: clear free text, titles, exact location and postcode; close open ones',
    run: async (manager, { accountId }) => ({
      intentsAnonymised: await count(
        manager,
        `UPDATE intents
            SET title = $2, description = '', location_text = NULL, exact_lat = NULL, exact_lng = NULL,
                coarse_area = NULL, solution_constraints = '{}', assembly_outcome = NULL,
                status = CASE WHEN status IN ('draft', 'open') THEN 'withdrawn' ELSE status END,
                closed_at = COALESCE(closed_at, now()), updated_at = now()
          WHERE owner_id = $1`,
        [accountId, ERASED_TEXT],
      ),
    }),
  },
  {
    name: 'intent components: titles become their category name, descriptions go',
    run: async (manager, { intentIds }) => ({
      componentsAnonymised: await count(
        manager,
        `UPDATE intent_components c
            SET title = COALESCE((SELECT name FROM categories WHERE code = c.category_code), $2), description = ''
          WHERE c.intent_id = ANY($1::uuid[])`,
        [intentIds, ERASED_TEXT],
      ),
    }),
  },
  {
    name: 'matches: drop the words matched from the intent text',
    run: async (manager, { intentIds }) => ({
      matchReasonsCleared: await count(
        manager,
        `UPDATE intent_matches SET reasons = reasons - 'words' WHERE intent_id = ANY($1::uuid[]) AND reasons ? 'words'`,
        [intentIds],
      ),
    }),
  },
  {
    // Engagements hold ids, amounts and status only; their intent and components are anonymised above.
    name: 'engagements: keep what the award left the vendor, now about an anonymised intent',
    run: async (manager, { accountId }) => ({
      engagementsAnonymised: (
        await queryRows<{ n: number }>(manager, `SELECT count(*)::int AS n FROM engagements WHERE individual_id = $1`, [
          accountId,
        ])
      )[0].n,
    }),
  },
  {
    name: 'account: delete API tokens and retry records, clear email, password and name',
    run: async (manager, { accountId }) => ({
      apiTokensDeleted: await count(manager, `DELETE FROM api_tokens WHERE account_id = $1`, [accountId]),
      idempotencyRecordsDeleted: await count(manager, `DELETE FROM idempotency_records WHERE account_id = $1`, [
        accountId,
      ]),
      accountScrubbed:
        (await count(
          manager,
          `UPDATE accounts SET email = NULL, password_hash = NULL, display_name = $2, erased_at = COALESCE(erased_at, now())
            WHERE id = $1`,
          [accountId, ERASED_DISPLAY_NAME],
        )) > 0,
    }),
  },
];

export async function runErasureSteps(manager: EntityManager, subject: ErasureSubject): Promise<ErasureSummary> {
  const summary: ErasureSummary = {};
  for (const step of ERASURE_STEPS) Object.assign(summary, await step.run(manager, subject));
  return summary;
}

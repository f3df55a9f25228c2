/**
 * Queue and job names, and the payload each job carries.
 * Renaming a queue or job strands the jobs already queued under the old name.
 * Payloads carry ids only, never personal data.
 */
import type { JobsOptions } from 'bullmq';
import type { DeliveredNotification } from '@app/notifications';

export enum QueueName {
  MATCHING = 'matching',
  MAINTENANCE = 'maintenance',
  ASSEMBLY = 'assembly',
  ERASURE = 'erasure',
  WEBHOOKS = 'webhooks',
}

export enum JobName {
  MATCH_INTENT = 'match-intent',
  EXPIRE_DUE = 'expire-due',
  ASSEMBLE_SOLUTIONS = 'assemble-solutions',
  ERASE_INDIVIDUAL = 'erase-individual',
  /** One vendor notification: find the vendor's endpoints and queue one delivery to each. */
  FAN_OUT_WEBHOOKS = 'fan-out-webhooks',
  /** One delivery of one notification to one endpoint, retried with backoff. */
  DELIVER_WEBHOOK = 'deliver-webhook',
}

export interface JobPayloads {
  [JobName.MATCH_INTENT]: { intentId: string };
  [JobName.EXPIRE_DUE]: Record<string, never>;
  [JobName.ASSEMBLE_SOLUTIONS]: { intentId: string };
  /** The erasure request id (the receipt id), never the account id. */
  [JobName.ERASE_INDIVIDUAL]: { erasureId: string };
  [JobName.FAN_OUT_WEBHOOKS]: DeliveredNotification;
  /** The webhook_deliveries row to attempt. */
  [JobName.DELIVER_WEBHOOK]: { deliveryId: string };
}

export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  [JobName.MATCH_INTENT]: QueueName.MATCHING,
  [JobName.EXPIRE_DUE]: QueueName.MAINTENANCE,
  [JobName.ASSEMBLE_SOLUTIONS]: QueueName.ASSEMBLY,
  [JobName.ERASE_INDIVIDUAL]: QueueName.ERASURE,
  [JobName.FAN_OUT_WEBHOOKS]: QueueName.WEBHOOKS,
  [JobName.DELIVER_WEBHOOK]: QueueName.WEBHOOKS,
};

/** Deterministic job ids: a resent job with the same id is deduplicated by BullMQ. */
export const jobId = {
  /** Round 0 (the intent opened) keeps the id it always had; each later round has its own. */
  matchIntent: (intentId: string, round = 0) =>
    round > 0 ? `match-intent.${intentId}.${round}` : `match-intent.${intentId}`,
  /** Deduplication key (not a job id): changes in quick succession fold into one assembly. */
  assembleSolutions: (intentId: string) => `assemble-solutions.${intentId}`,
  eraseIndividual: (erasureId: string) => `erase-individual.${erasureId}`,
  fanOutWebhooks: (notificationId: string) => `fan-out-webhooks.${notificationId}`,
  deliverWebhook: (deliveryId: string) => `deliver-webhook.${deliveryId}`,
};

/** Changes to an intent's assembly inputs within this window are assembled once, after the last one. */
export const ASSEMBLY_DEBOUNCE_MS = 500;

/**
 * How an assembly job is queued (by the outbox relay and the sweeper). Debounced: a waiting job is
 * replaced and pushed back by each new request. A request that arrives while the intent's job runs
 * (it may have read the inputs already) queues one more run after it, never a second one alongside:
 * dropping it would leave stale solutions stored as current.
 */
export function assemblyJobOptions(intentId: string): JobsOptions {
  return {
    delay: ASSEMBLY_DEBOUNCE_MS,
    deduplication: { id: jobId.assembleSolutions(intentId), replace: true, keepLastIfActive: true },
  };
}

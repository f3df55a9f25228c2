/**
 * Queue and job names, and the payload each job carries (how each is queued: JOB_SPECS in jobs.ts).
 * Renaming a queue or job strands the jobs already queued under the old name.
 * Payloads carry ids only, never personal data.
 */
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
  /** `round`: the intent's matching round (0 when it opened), which the job's id carries. */
  [JobName.MATCH_INTENT]: { intentId: string; round?: number };
  [JobName.EXPIRE_DUE]: Record<string, never>;
  [JobName.ASSEMBLE_SOLUTIONS]: { intentId: string };
  /** The erasure request id (the receipt id), never the account id. */
  [JobName.ERASE_INDIVIDUAL]: { erasureId: string };
  [JobName.FAN_OUT_WEBHOOKS]: DeliveredNotification;
  /** The webhook_deliveries row to attempt. */
  [JobName.DELIVER_WEBHOOK]: { deliveryId: string };
}

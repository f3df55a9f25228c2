import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireId } from '@app/common';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { ENDPOINT_DISABLED_ERROR, WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { type WebhookAttemptResult, postWebhook } from './webhook-http';
import { signedHeaders, webhookBody } from './webhook-message';
import { nextAttemptAt, retryPolicy } from './webhook-retry-schedule';
import { WebhookSecretBox } from './webhook-secret-box';

/** What became of one run of a delivery job. */
export type DeliveryOutcome =
  | { kind: 'succeeded'; attempt: number }
  /** Failed; try again at `at`. */
  | { kind: 'retry'; attempt: number; at: Date }
  /** Failed for good: the retry window is over, or the endpoint is disabled. */
  | { kind: 'failed'; attempt: number; error: string }
  /** Woken before its time (e.g. a stalled job run again): wait until `at`. */
  | { kind: 'wait'; at: Date }
  /** Nothing to do: the delivery or its endpoint is gone, or it is already finished. */
  | { kind: 'skipped' };

/** A job woken this early is put back to sleep rather than sending ahead of its schedule. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * Runs one attempt of one delivery: signs the stored payload with the endpoint's secret(s), POSTs
 * it, and records the attempt and the delivery's new status in one transaction.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecretBox,
  ) {}

  async deliver(deliveryId: string, random: () => number = Math.random): Promise<DeliveryOutcome> {
    const id = requireId(deliveryId, 'deliveryId');
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id } });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) return { kind: 'skipped' };
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOne({ where: { id: delivery.endpointId } });
    if (!endpoint) return { kind: 'skipped' };
    // Before the schedule: a job for a disabled endpoint's delivery (created by a fan-out that raced
    // the disabling) fails now rather than sleeping until its next attempt.
    if (!endpoint.enabled) return this.failDisabled(delivery);
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() - Date.now() > EARLY_TOLERANCE_MS) {
      return { kind: 'wait', at: delivery.nextAttemptAt };
    }

    const startedAt = new Date();
    const body = webhookBody(delivery.payload);
    const headers = signedHeaders(this.signingSecrets(endpoint, startedAt), delivery.notificationId, startedAt, body);
    const response = await postWebhook({
      url: endpoint.url,
      headers: { ...headers },
      body,
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      policy: { allowLoopback: this.config.WEBHOOK_ALLOW_LOOPBACK },
    });
    return this.record(delivery, startedAt, response, random);
  }

  /** The current secret, and the previous one while its rotation grace lasts. */
  private signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
    const secrets = [this.secrets.open(endpoint.id, endpoint.secretSealed, endpoint.secretKeyId)];
    if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
      secrets.push(this.secrets.open(endpoint.id, endpoint.previousSecretSealed, endpoint.secretKeyId));
    }
    return secrets;
  }

  private async record(
    delivery: WebhookDelivery,
    startedAt: Date,
    response: WebhookAttemptResult,
    random: () => number,
  ): Promise<DeliveryOutcome> {
    const number = delivery.attemptCount + 1;
    const windowStartedAt = delivery.windowStartedAt ?? startedAt;
    return this.dataSource.transaction(async (manager) => {
      let next: Date | null = null;
      if (!response.ok) {
        const [{ failed }] = await queryRows<{ failed: number }>(
          manager,
          `SELECT count(*)::int + 1 AS failed FROM webhook_delivery_attempts WHERE delivery_id = $1 AND started_at >= $2`,
          [delivery.id, windowStartedAt],
        );
        next = nextAttemptAt(retryPolicy(this.config), windowStartedAt, new Date(), failed, random);
      }
      const status = response.ok
        ? WebhookDeliveryStatus.SUCCEEDED
        : next
          ? WebhookDeliveryStatus.PENDING
          : WebhookDeliveryStatus.FAILED;
      // Only the run that read attempt_count may move it on: a concurrent duplicate writes nothing.
      const updated = await queryRows<{ id: string }>(
        manager,
        `UPDATE webhook_deliveries
            SET status = $3, attempt_count = $4, window_started_at = $5, next_attempt_at = $6,
                last_response_status = $7, last_error = $8,
                finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
          WHERE id = $1 AND status = 'pending' AND attempt_count = $2
          RETURNING id`,
        [delivery.id, delivery.attemptCount, status, number, windowStartedAt, next, response.status, response.error],
      );
      if (updated.length === 0) {
        // The endpoint was disabled while this attempt was under way: the request went out, so it is
        // recorded, and a success counts; a failure is not retried (the delivery stays failed).
        const disabled = await queryRows<{ id: string }>(
          manager,
          `UPDATE webhook_deliveries
              SET attempt_count = $3, window_started_at = $4, last_response_status = $5,
                  status = CASE WHEN $6 THEN 'succeeded' ELSE status END,
                  last_error = CASE WHEN $6 THEN NULL ELSE last_error END
            WHERE id = $1 AND status = 'failed' AND last_error = $7 AND attempt_count = $2
            RETURNING id`,
          [
            delivery.id,
            delivery.attemptCount,
            number,
            windowStartedAt,
            response.status,
            response.ok,
            ENDPOINT_DISABLED_ERROR,
          ],
        );
        if (disabled.length === 0) {
          this.logger.warn(`delivery ${delivery.id} changed during attempt ${number}; not recorded twice`);
          return { kind: 'skipped' } as const;
        }
        next = null;
      }
      await manager.query(
        `INSERT INTO webhook_delivery_attempts
           (delivery_id, number, started_at, duration_ms, response_status, error, response_snippet, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          delivery.id,
          number,
          startedAt,
          response.durationMs,
          response.status,
          response.error,
          response.responseSnippet,
          next,
        ],
      );
      if (response.ok) return { kind: 'succeeded', attempt: number } as const;
      if (next) return { kind: 'retry', attempt: number, at: next } as const;
      const error = updated.length === 0 ? ENDPOINT_DISABLED_ERROR : (response.error ?? 'failed');
      return { kind: 'failed', attempt: number, error } as const;
    });
  }

  /** A disabled endpoint is not called: a delivery still pending for it fails (redeliverable once enabled). */
  private async failDisabled(delivery: WebhookDelivery): Promise<DeliveryOutcome> {
    const error = ENDPOINT_DISABLED_ERROR;
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $2, finished_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [delivery.id, error],
    );
    return { kind: 'failed', attempt: delivery.attemptCount, error };
  }
}

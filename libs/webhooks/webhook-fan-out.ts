import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/database';
import type { DeliveredNotification } from '@app/notifications';
import { JobName, Jobs } from '@app/queues';
import { isWebhookEventType } from './webhook-event-types';
import { type VendorNotification, webhookPayload } from './webhook-message';

const isVendorNotification = (notification: DeliveredNotification): notification is VendorNotification =>
  Boolean(notification.vendorId) && isWebhookEventType(notification.type);

/**
 * From notifications to deliveries. `enqueue` runs on every outbox batch (one query, only vendors with
 * an endpoint that wants the type get a job); `fanOut` runs in the job and creates one delivery per
 * endpoint, at most once per notification however often it is resent.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: Jobs,
  ) {}

  async enqueue(notifications: readonly DeliveredNotification[]): Promise<void> {
    const candidates = notifications.filter(isVendorNotification);
    if (candidates.length === 0) return;
    const rows = await queryRows<{ vendor_id: string; event_types: string[] }>(
      this.dataSource,
      `SELECT vendor_id, event_types FROM webhook_endpoints WHERE enabled AND vendor_id = ANY($1::uuid[])`,
      [[...new Set(candidates.map((notification) => notification.vendorId))]],
    );
    if (rows.length === 0) return;
    const wanted = new Set(rows.flatMap((row) => row.event_types.map((type) => `${row.vendor_id}|${type}`)));
    await this.jobs.add(
      JobName.FAN_OUT_WEBHOOKS,
      ...candidates.filter((notification) => wanted.has(`${notification.vendorId}|${notification.type}`)),
    );
  }

  /**
   * Creates the notification's deliveries (once) and queues a job for each not yet attempted. The
   * endpoints are read FOR SHARE: an endpoint being disabled is waited for and then left out, and
   * one disabled after this commits finds these deliveries there to fail.
   */
  async fanOut(notification: DeliveredNotification): Promise<number> {
    if (!isVendorNotification(notification)) return 0;
    const payload = webhookPayload(notification);
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, notification_id, event_type, payload, next_attempt_at)
       SELECT id, $2, $3, $4::jsonb, now() FROM webhook_endpoints
        WHERE vendor_id = $1 AND enabled AND $3 = ANY(event_types)
          FOR SHARE
       ON CONFLICT (endpoint_id, notification_id) DO NOTHING`,
      [notification.vendorId, notification.id, notification.type, JSON.stringify(payload)],
    );
    // Also those inserted by an earlier run that stopped before queueing them (deduplicated by job id).
    const unattempted = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE e.vendor_id = $1 AND d.notification_id = $2 AND d.status = 'pending' AND d.attempt_count = 0`,
      [notification.vendorId, notification.id],
    );
    await this.jobs.add(JobName.DELIVER_WEBHOOK, ...unattempted.map((row) => ({ deliveryId: row.id })));
    return unattempted.length;
  }
}

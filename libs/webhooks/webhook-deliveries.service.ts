import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Viewer, requireVendor } from '@app/accounts';
import { type Page, conflict, notFound, requireId } from '@app/common';
import { type PageRequest, keysetPage, queryRows } from '@app/database';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Attempts listed per delivery: the latest ones (numbers keep counting across redeliveries). */
export const MAX_LISTED_ATTEMPTS = 100;

/** The delivery log a vendor reads, and redelivery of failed deliveries. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointsService,
    private readonly jobs: WebhookDeliveryJobs,
  ) {}

  /** An endpoint's deliveries, newest first, optionally of one status. */
  async list(
    viewer: Viewer,
    endpointId: string,
    status: WebhookDeliveryStatus | null | undefined,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const endpoint = await this.endpoints.findOwn(viewer, endpointId, 'endpointId');
    const query = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('delivery')
      .where('delivery.endpoint_id = :endpointId', { endpointId: endpoint.id });
    if (status) query.andWhere('delivery.status = :status', { status });
    return keysetPage(query, 'delivery', page);
  }

  /**
   * The attempts of each delivery (the latest MAX_LISTED_ATTEMPTS, in order), for a DataLoader. No
   * authorisation here: only called for deliveries the viewer was allowed to list.
   */
  async attemptsOf(deliveryIds: readonly string[]): Promise<WebhookDeliveryAttempt[][]> {
    const rows = await this.dataSource
      .getRepository(WebhookDeliveryAttempt)
      .createQueryBuilder('attempt')
      .where(
        `attempt.id IN (SELECT ranked.id FROM (
           SELECT a.id, row_number() OVER (PARTITION BY a.delivery_id ORDER BY a.number DESC) AS position
             FROM webhook_delivery_attempts a WHERE a.delivery_id = ANY(:ids)) ranked
          WHERE ranked.position <= :limit)`,
        { ids: [...deliveryIds], limit: MAX_LISTED_ATTEMPTS },
      )
      .orderBy('attempt.number', 'ASC')
      .getMany();
    const byDelivery = new Map<string, WebhookDeliveryAttempt[]>(deliveryIds.map((id) => [id, []]));
    for (const row of rows) byDelivery.get(row.deliveryId)?.push(row);
    return deliveryIds.map((id) => byDelivery.get(id) ?? []);
  }

  /**
   * Sends a failed delivery again: a new retry window starts now (attempt numbers count on).
   * Only failed deliveries, and only to an enabled endpoint.
   */
  async redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookDelivery> {
    const vendorId = requireVendor(viewer, 'have webhook endpoints');
    const id = requireId(deliveryId, 'deliveryId');
    const reset = await this.dataSource.transaction(async (manager) => {
      const [found] = await queryRows<{ status: WebhookDeliveryStatus; enabled: boolean }>(
        manager,
        `SELECT d.status, e.enabled FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.id = $1 AND e.vendor_id = $2 FOR UPDATE OF d`,
        [id, vendorId],
      );
      if (!found) throw notFound('Webhook delivery');
      if (found.status !== WebhookDeliveryStatus.FAILED) throw conflict('Only a failed delivery can be redelivered');
      if (!found.enabled) throw conflict('The endpoint is disabled: enable it before redelivering');
      await manager.query(
        `UPDATE webhook_deliveries
            SET status = 'pending', next_attempt_at = now(), window_started_at = NULL, finished_at = NULL
          WHERE id = $1`,
        [id],
      );
      return manager.getRepository(WebhookDelivery).findOneOrFail({ where: { id } });
    });
    await this.jobs.requeue(id);
    return reset;
  }
}

import { randomUUID } from 'node:crypto';
import dns from 'node:dns';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Viewer, requireVendor } from '@app/accounts';
import { type Page, badInput, conflict, notFound, requireId } from '@app/common';
import { AppConfig } from '@app/config';
import { type PageRequest, keysetPage, queryRows } from '@app/database';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { ENDPOINT_DISABLED_ERROR } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { ALL_WEBHOOK_EVENT_TYPES, type WebhookEventType, isWebhookEventType } from './webhook-event-types';
import { newSigningSecret } from './webhook-message';
import { WebhookSecretBox } from './webhook-secret-box';
import { type HostResolver, WebhookUrlError, checkWebhookUrl } from './webhook-url-guard';

export const MAX_ENDPOINTS_PER_VENDOR = 20;
/** After a rotation the previous secret keeps signing this long (both signatures are sent). */
export const SECRET_ROTATION_GRACE_MS = 24 * 3600 * 1000;

export interface CreateWebhookEndpointCommand {
  url: string;
  /** Defaults to every vendor-facing type. */
  eventTypes?: WebhookEventType[] | null;
  enabled?: boolean | null;
}

export interface UpdateWebhookEndpointCommand {
  url?: string;
  eventTypes?: WebhookEventType[];
  enabled?: boolean;
}

/** An endpoint with its signing secret in the clear: returned once, at creation or rotation. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

const systemResolver: HostResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A vendor's webhook endpoints. Another vendor's endpoint answers exactly like a missing one. */
@Injectable()
export class WebhookEndpointsService {
  /** DNS for the registration check (the system resolver, as the connection's lookup uses). */
  private readonly resolver: HostResolver = systemResolver;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecretBox,
    private readonly jobs: WebhookDeliveryJobs,
  ) {}

  async create(viewer: Viewer, command: CreateWebhookEndpointCommand): Promise<EndpointWithSecret> {
    const vendorId = requireVendor(viewer, 'have webhook endpoints');
    const url = await this.checkUrl(command.url, 'input.url');
    const eventTypes = checkEventTypes(command.eventTypes ?? [...ALL_WEBHOOK_EVENT_TYPES], 'input.eventTypes');
    const id = randomUUID();
    const secret = newSigningSecret();
    const { sealed, keyId } = this.secrets.seal(id, secret);
    const endpoint = await this.dataSource.transaction(async (manager) => {
      // The vendor row is the lock that keeps concurrent registrations within the limit.
      await manager.query(`SELECT id FROM vendors WHERE id = $1 FOR UPDATE`, [vendorId]);
      const [{ n }] = await queryRows<{ n: number }>(
        manager,
        `SELECT count(*)::int AS n FROM webhook_endpoints WHERE vendor_id = $1`,
        [vendorId],
      );
      if (n >= MAX_ENDPOINTS_PER_VENDOR) {
        throw conflict(`A vendor may register at most ${MAX_ENDPOINTS_PER_VENDOR} webhook endpoints`);
      }
      const repository = manager.getRepository(WebhookEndpoint);
      await repository.insert({
        id,
        vendorId,
        url,
        eventTypes,
        enabled: command.enabled ?? true,
        secretSealed: sealed,
        secretKeyId: keyId,
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
      });
      return repository.findOneOrFail({ where: { id } });
    });
    return { endpoint, secret };
  }

  async update(viewer: Viewer, id: string, command: UpdateWebhookEndpointCommand): Promise<WebhookEndpoint> {
    const endpoint = await this.findOwn(viewer, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (command.url !== undefined) changes.url = await this.checkUrl(command.url, 'input.url');
    if (command.eventTypes !== undefined) changes.eventTypes = checkEventTypes(command.eventTypes, 'input.eventTypes');
    if (command.enabled !== undefined) changes.enabled = command.enabled;
    if (Object.keys(changes).length === 0) return endpoint;
    const failed = await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(WebhookEndpoint)
        .update({ id: endpoint.id, vendorId: endpoint.vendorId }, { ...changes, updatedAt: new Date() });
      return changes.enabled === false ? failPendingDeliveries(manager, endpoint.id) : [];
    });
    // Their jobs would otherwise sit delayed until the next attempt (and then be skipped).
    await this.jobs.remove(failed);
    return this.findOwn(viewer, endpoint.id);
  }

  /** A new secret; the old one still signs (as a second signature) for SECRET_ROTATION_GRACE_MS. */
  async rotateSecret(viewer: Viewer, id: string): Promise<EndpointWithSecret> {
    const vendorId = requireVendor(viewer, 'have webhook endpoints');
    const endpointId = requireId(id);
    const secret = newSigningSecret();
    const { sealed, keyId } = this.secrets.seal(endpointId, secret);
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockOwn(manager, vendorId, endpointId);
      // A secret sealed under another master key could not be opened to sign: it is dropped, not kept.
      const keepPrevious = current.secretKeyId === keyId;
      await manager.getRepository(WebhookEndpoint).update(
        { id: endpointId },
        {
          secretSealed: sealed,
          secretKeyId: keyId,
          previousSecretSealed: keepPrevious ? current.secretSealed : null,
          previousSecretExpiresAt: keepPrevious ? new Date(Date.now() + SECRET_ROTATION_GRACE_MS) : null,
          updatedAt: new Date(),
        },
      );
      return manager.getRepository(WebhookEndpoint).findOneOrFail({ where: { id: endpointId } });
    });
    return { endpoint, secret };
  }

  /** Deletes the endpoint with its delivery log; queued deliveries to it are dropped. */
  async remove(viewer: Viewer, id: string): Promise<WebhookEndpoint> {
    const vendorId = requireVendor(viewer, 'have webhook endpoints');
    const endpointId = requireId(id);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.lockOwn(manager, vendorId, endpointId);
      await manager.getRepository(WebhookEndpoint).delete({ id: endpointId });
      return endpoint;
    });
  }

  list(viewer: Viewer, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    const query = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('endpoint')
      .where('endpoint.vendor_id = :vendorId', { vendorId: requireVendor(viewer, 'have webhook endpoints') });
    return keysetPage(query, 'endpoint', page);
  }

  async findOwn(viewer: Viewer, id: string, field = 'id'): Promise<WebhookEndpoint> {
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOne({ where: { id: requireId(id, field), vendorId: requireVendor(viewer, 'have webhook endpoints') } });
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  private async lockOwn(manager: EntityManager, vendorId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await manager
      .getRepository(WebhookEndpoint)
      .findOne({ where: { id, vendorId }, lock: { mode: 'pessimistic_write' } });
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  private async checkUrl(url: string, field: string): Promise<string> {
    try {
      return await checkWebhookUrl(url.trim(), { allowLoopback: this.config.WEBHOOK_ALLOW_LOOPBACK }, this.resolver);
    } catch (error) {
      if (error instanceof WebhookUrlError) throw badInput(field, error.message);
      throw error;
    }
  }
}

/**
 * Disabling an endpoint fails its pending deliveries at once, in the transaction that disables it
 * (whose row lock on the endpoint also waits for a fan-out creating deliveries for it): a delivery
 * is not left pending until its next attempt, the deliverer never attempts one again, and enabling
 * the endpoint again does not revive them (`redeliverWebhook` does, one by one). An attempt already
 * under way finishes, and its outcome is recorded (see WebhookDeliverer). Returns their ids.
 */
async function failPendingDeliveries(manager: EntityManager, endpointId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `UPDATE webhook_deliveries
        SET status = 'failed', next_attempt_at = NULL, last_error = $2, finished_at = now()
      WHERE endpoint_id = $1 AND status = 'pending'
      RETURNING id`,
    [endpointId, ENDPOINT_DISABLED_ERROR],
  );
  return rows.map((row) => row.id);
}

function checkEventTypes(types: readonly string[], field: string): WebhookEventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw badInput(field, 'eventTypes must name at least one event type');
  const unknown = unique.find((type) => !isWebhookEventType(type));
  if (unknown) throw badInput(field, `${unknown} is not a webhook event type`);
  return unique as WebhookEventType[];
}

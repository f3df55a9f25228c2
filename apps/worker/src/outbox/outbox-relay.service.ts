import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { type OutboxHandlers, OutboxRelay, OutboxTopic, dispatchByTopic } from '@app/outbox';
import { JobName, Jobs, withTimeout } from '@app/queues';
import {
  type DeliveredNotification,
  notificationId,
  NotificationPublisher,
  notificationSubject,
} from '@app/notifications';
import { DisclosureGrantsService, type StageChange, type VaultChange } from '@app/disclosure';
import { OffersService } from '@app/offers';
import { WebhookFanOut } from '@app/webhooks';

const DISPATCH_TIMEOUT_MS = 5000;

/** Runs the outbox relay in the worker: outbox rows become BullMQ jobs with deterministic ids. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    config: AppConfig,
    private readonly jobs: Jobs,
    private readonly publisher: NotificationPublisher,
    private readonly webhooks: WebhookFanOut,
    private readonly offers: OffersService,
    private readonly disclosureGrants: DisclosureGrantsService,
  ) {
    this.relay = new OutboxRelay(dataSource, config.DATABASE_URL, dispatchByTopic(this.handlers));
  }

  /**
   * Each topic's events, to the service that handles them or to the queues (with their
   * deterministic ids), in this order: disclosure first (PostgreSQL only, idempotent), so stage
   * and vault changes recorded below disclosure have their grants and consent receipts before
   * anyone is told of the match.
   */
  private readonly handlers: OutboxHandlers = {
    [OutboxTopic.VENDORS_MATCHED]: (events) => this.disclosureGrants.stageChanged(events.map((event) => event.payload)),
    [OutboxTopic.INTENTS_CLOSED]: (events) =>
      this.disclosureGrants.stageChanged(
        events.flatMap((event) => event.payload.intentIds.map((intentId): StageChange => ({ intentId }))),
      ),
    [OutboxTopic.VAULT_ITEMS_CHANGED]: (events) =>
      this.disclosureGrants.vaultItemsChanged(events.map((event): VaultChange => event.payload)),
    [OutboxTopic.MATCHING_REQUESTED]: (events) =>
      this.jobs.add(JobName.MATCH_INTENT, ...events.map((event) => event.payload)),
    [OutboxTopic.ASSEMBLY_REQUESTED]: (events) =>
      this.jobs.add(
        JobName.ASSEMBLE_SOLUTIONS,
        ...[...new Set(events.map((event) => event.payload.intentId))].map((intentId) => ({ intentId })),
      ),
    // Request assembly through the outbox in turn (picked up on the relay's next pass).
    [OutboxTopic.VENDOR_RATING_CHANGED]: async (events) => {
      for (const vendorId of new Set(events.map((event) => event.payload.vendorId))) {
        await this.offers.vendorRatingChanged(vendorId);
      }
    },
    [OutboxTopic.NOTIFICATION]: async (events) => {
      const notifications: DeliveredNotification[] = events.flatMap((event) =>
        event.payload.notifications.map((notification, index) => ({
          ...notification,
          subject: notificationSubject(notification),
          id: notificationId(event.id, index),
          occurredAt: new Date(event.createdAt).toISOString(),
        })),
      );
      await withTimeout(this.publisher.publish(notifications), DISPATCH_TIMEOUT_MS);
      await withTimeout(this.webhooks.enqueue(notifications), DISPATCH_TIMEOUT_MS);
    },
  };

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

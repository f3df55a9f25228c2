import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { type OutboxPayloads, OutboxTopic, type OutboxDispatcher, OutboxRelay } from '@app/outbox';
import { JobName, QueueName, assemblyJobOptions, jobId, withTimeout } from '@app/queues';
import { type DeliveredNotification, notificationId, NotificationPublisher } from '@app/notifications';
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
    @InjectQueue(QueueName.MATCHING) private readonly matchingQueue: Queue,
    @InjectQueue(QueueName.ASSEMBLY) private readonly assemblyQueue: Queue,
    private readonly publisher: NotificationPublisher,
    private readonly webhooks: WebhookFanOut,
    private readonly offers: OffersService,
    private readonly disclosureGrants: DisclosureGrantsService,
  ) {
    this.relay = new OutboxRelay(dataSource, config.DATABASE_URL, this.dispatch);
  }

  private readonly dispatch: OutboxDispatcher = async (events) => {
    // Disclosure first (PostgreSQL only, idempotent): stage and vault changes recorded below
    // disclosure get their grants and consent receipts before anyone is told of the match.
    const stageChanges: StageChange[] = events.flatMap((event) => {
      if (event.topic === OutboxTopic.VENDORS_MATCHED) {
        return [event.payload as OutboxPayloads[OutboxTopic.VENDORS_MATCHED]];
      }
      if (event.topic === OutboxTopic.INTENTS_CLOSED) {
        return (event.payload as OutboxPayloads[OutboxTopic.INTENTS_CLOSED]).intentIds.map((intentId) => ({
          intentId,
        }));
      }
      return [];
    });
    await this.disclosureGrants.stageChanged(stageChanges);
    const vaultChanges: VaultChange[] = events
      .filter((event) => event.topic === OutboxTopic.VAULT_ITEMS_CHANGED)
      .map((event) => event.payload as OutboxPayloads[OutboxTopic.VAULT_ITEMS_CHANGED]);
    await this.disclosureGrants.vaultItemsChanged(vaultChanges);
    const matchJobs = events
      .filter((event) => event.topic === OutboxTopic.MATCHING_REQUESTED)
      .map((event) => {
        const { intentId, round } = event.payload as OutboxPayloads[OutboxTopic.MATCHING_REQUESTED];
        return { name: JobName.MATCH_INTENT, data: { intentId }, opts: { jobId: jobId.matchIntent(intentId, round) } };
      });
    if (matchJobs.length > 0) await withTimeout(this.matchingQueue.addBulk(matchJobs), DISPATCH_TIMEOUT_MS);
    const changedIntents = new Set(
      events
        .filter((event) => event.topic === OutboxTopic.ASSEMBLY_REQUESTED)
        .map((event) => (event.payload as OutboxPayloads[OutboxTopic.ASSEMBLY_REQUESTED]).intentId),
    );
    const assemblyJobs = [...changedIntents].map((intentId) => ({
      name: JobName.ASSEMBLE_SOLUTIONS,
      data: { intentId },
      opts: assemblyJobOptions(intentId),
    }));
    if (assemblyJobs.length > 0) await withTimeout(this.assemblyQueue.addBulk(assemblyJobs), DISPATCH_TIMEOUT_MS);
    // Rating changes request assembly through the outbox in turn (picked up on the relay's next pass).
    const reRated = new Set(
      events
        .filter((event) => event.topic === OutboxTopic.VENDOR_RATING_CHANGED)
        .map((event) => (event.payload as OutboxPayloads[OutboxTopic.VENDOR_RATING_CHANGED]).vendorId),
    );
    for (const vendorId of reRated) await this.offers.vendorRatingChanged(vendorId);
    const notifications: DeliveredNotification[] = events
      .filter((event) => event.topic === OutboxTopic.NOTIFICATION)
      .flatMap((event) =>
        (event.payload as OutboxPayloads[OutboxTopic.NOTIFICATION]).notifications.map((notification, index) => ({
          ...notification,
          id: notificationId(event.id, index),
          occurredAt: new Date(event.createdAt).toISOString(),
        })),
      );
    if (notifications.length > 0) {
      await withTimeout(this.publisher.publish(notifications), DISPATCH_TIMEOUT_MS);
      await withTimeout(this.webhooks.enqueue(notifications), DISPATCH_TIMEOUT_MS);
    }
  };

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

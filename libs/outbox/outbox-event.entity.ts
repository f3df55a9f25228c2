import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Notification } from '@app/notifications';

export enum OutboxTopic {
  /**
   * An intent opened, or its needs changed while open: match it (again). The value predates the
   * name: rows already in the outbox carry it.
   */
  MATCHING_REQUESTED = 'intent.opened',
  /**
   * Something assembly reads changed (recorded by requestAssembly only). The value predates the
   * name: rows already in the outbox carry it.
   */
  ASSEMBLY_REQUESTED = 'intent.offers-changed',
  /** Someone is to be told something: live subscribers and, for vendors, webhook endpoints. */
  NOTIFICATION = 'notification',
  /** A vendor's rating changed: the solutions of the open intents it has offers on are recomputed. */
  VENDOR_RATING_CHANGED = 'vendor.rating-changed',
  /**
   * Vendors were newly matched to an intent (they reached its broadcast stage): their disclosure
   * grants are synced (DisclosureGrantsService.stageChanged).
   */
  VENDORS_MATCHED = 'intent.vendors-matched',
  /**
   * Intents closed (withdrawn or expired): their vendors left the broadcast and offer stages, and
   * their disclosure grants are synced (DisclosureGrantsService.stageChanged).
   */
  INTENTS_CLOSED = 'intent.closed',
  /**
   * Items of an individual's vault were added, updated or removed: the disclosure grants of the
   * policies naming them are synced (DisclosureGrantsService.vaultItemsChanged).
   */
  VAULT_ITEMS_CHANGED = 'vault.items-changed',
}

export interface OutboxPayloads {
  /** `round`: the intent's matching round (MatchingOutcome.round); none for the first. */
  [OutboxTopic.MATCHING_REQUESTED]: { intentId: string; round?: number };
  [OutboxTopic.ASSEMBLY_REQUESTED]: { intentId: string };
  [OutboxTopic.VENDOR_RATING_CHANGED]: { vendorId: string };
  [OutboxTopic.VENDORS_MATCHED]: { intentId: string; vendorIds: string[] };
  [OutboxTopic.INTENTS_CLOSED]: { intentIds: string[] };
  /** Keys only: a value never leaves the vault. */
  [OutboxTopic.VAULT_ITEMS_CHANGED]: { individualId: string; itemKeys: string[] };
  /** All the notifications one transaction caused, in one row. */
  [OutboxTopic.NOTIFICATION]: { notifications: Notification[] };
}

/**
 * Written in the same transaction as the change it announces; a relay moves it to
 * the queues later, so a commit is never lost when Redis is down.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_pending_idx', ['id'], { where: 'dispatched_at IS NULL' })
@Index('outbox_events_dispatched_idx', ['dispatchedAt'], { where: 'dispatched_at IS NOT NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  topic: OutboxTopic;

  @Column({ type: 'jsonb' })
  payload: OutboxPayloads[OutboxTopic];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookEventType } from './webhook-event-types';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import type { WebhookPayload } from './webhook-message';

export enum WebhookDeliveryStatus {
  /** Not delivered yet: the next attempt is at next_attempt_at. */
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  /** Every attempt within the retry window failed (or the endpoint was disabled); see last_error. */
  FAILED = 'failed',
}

/**
 * `last_error` of a delivery failed because its endpoint was disabled: set on every pending one
 * the moment the endpoint is disabled, never attempted after that, sent again only by redelivery.
 */
export const ENDPOINT_DISABLED_ERROR = 'endpoint disabled';

/** One notification to one endpoint: created once (unique per endpoint and notification), retried until done. */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_endpoint_notification_key', ['endpointId', 'notificationId'], { unique: true })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt', 'id'])
@Index('webhook_deliveries_pending_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Check('webhook_deliveries_status_known', `status IN ('pending', 'succeeded', 'failed')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  /** The notification id (`ntf_…`): the webhook-id header, the same on every attempt. */
  @Column({ name: 'notification_id', type: 'text' })
  notificationId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: WebhookEventType;

  /** The body sent, ids only (never personal data). */
  @Column({ type: 'jsonb' })
  payload: WebhookPayload;

  @Column({ type: 'text', default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Column({ name: 'attempt_count', type: 'integer', default: 0 })
  attemptCount: number;

  /** When the current retry window began (the first attempt, or the attempt after a redelivery). */
  @Column({ name: 'window_started_at', type: 'timestamptz', nullable: true })
  windowStartedAt: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_response_status', type: 'integer', nullable: true })
  lastResponseStatus: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
